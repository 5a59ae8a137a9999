//! Targets of whole fixture plans: units, times, tables, growth and the plan's period.

use planlens_core::{analyze, Comparator, YearBasis};

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/targets")
        .join(name);
    std::fs::read_to_string(path).expect("fixture")
}

/// (value, unit, comparator, year, basis) of each target.
type Row = (f64, String, Comparator, Option<i32>, YearBasis);

#[test]
fn an_action_plan_with_a_period() {
    let a = analyze(&fixture("xingdong_jihua_2024_2026.txt"));
    let rows: Vec<Row> = a
        .targets
        .iter()
        .map(|t| (t.value, t.unit.clone(), t.comparator, t.year, t.year_basis))
        .collect();
    let expect = |v: f64, u: &str, c: Comparator, y: i32, b: YearBasis| -> Row {
        (v, u.to_string(), c, Some(y), b)
    };
    use Comparator::*;
    use YearBasis::*;
    assert_eq!(
        rows,
        vec![
            expect(500.0, "亿元", AtLeast, 2026, Sentence),
            expect(10.0, "家", AtLeast, 2026, Sentence),
            expect(3.0, "座", Exact, 2026, Sentence),
            expect(200.0, "个", About, 2026, Sentence),
            expect(50.0, "条", Exact, 2026, Section),
            // Growth over a base year: 2023 is the base, not the year.
            expect(30.0, "%", About, 2026, Section),
            // The table: denominators stay in the indicator.
            expect(30.0, "", AtLeast, 2026, PlanPeriod),
            expect(15.0, "", AtMost, 2026, PlanPeriod),
            // A promised time, not the 30天内 rule; counts of those trained, not the subsidy.
            expect(5.0, "个工作日", AtMost, 2026, PlanPeriod),
            expect(1000.0, "名", Exact, 2026, PlanPeriod),
            expect(30.0, "分钟", AtMost, 2026, PlanPeriod),
            expect(8.0, "艘", Exact, 2026, PlanPeriod),
            expect(20.0, "台（套）", Exact, 2026, PlanPeriod),
        ]
    );
    let table: Vec<&str> = a.targets[6..8]
        .iter()
        .map(|t| t.indicator.as_str())
        .collect();
    assert_eq!(
        table,
        vec!["每十万人拥有无人机驾驶员数", "应急救援响应时间"]
    );
    // Indicators name what is counted, never a bare comparator or conjunction.
    assert!(a
        .targets
        .iter()
        .all(|t| t.indicator.chars().count() >= 2
            && !["和", "<", "与"].contains(&t.indicator.as_str())));
}
