// Placeholder until the yew app lands (issue 4).
fn main() {}
