//! `batch` writes one JSON per input; two inputs with the same stem (方案.txt and
//! 方案.html) must not overwrite each other's output.

use std::process::Command;

#[test]
fn inputs_sharing_a_stem_keep_their_whole_names() {
    let dir = std::env::temp_dir().join(format!("planlens-batch-names-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (input, out) = (dir.join("in"), dir.join("out"));
    std::fs::create_dir_all(&input).unwrap();
    let plan = |lead: &str| format!("某区实施方案\n一、主要任务\n1.加强创新。(责任单位:{lead})\n");
    std::fs::write(input.join("方案.txt"), plan("区科委")).unwrap();
    std::fs::write(
        input.join("方案.html"),
        format!(
            "<html><body><p>{}</p></body></html>",
            plan("区商务委").replace('\n', "</p><p>")
        ),
    )
    .unwrap();
    std::fs::write(input.join("另一份.txt"), plan("区财政局")).unwrap();
    let st = Command::new(env!("CARGO_BIN_EXE_planlens"))
        .arg("batch")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["另一份.json", "方案.html.json", "方案.txt.json"]);
    let read = |n: &str| std::fs::read_to_string(out.join(n)).unwrap();
    assert!(read("方案.txt.json").contains("区科委"));
    assert!(read("方案.html.json").contains("区商务委"));
    let _ = std::fs::remove_dir_all(&dir);
}
