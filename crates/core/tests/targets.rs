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

#[test]
fn rates_and_unit_symbols_are_whole_units() {
    // One unit per another is one unit (a density, a capacity a day, a yield an 亩), and
    // the area and length symbols are units like their words.
    let text = "某县城乡建设行动方案（2024—2026年）\n一、主要目标\n到2026年,城区供水能力达到8万吨/日,建成区绿地率提升到38%,公共充电桩密度达到2.5个/平方公里,新建绿道12㎞,改造老旧小区屋面3.6万m²。\n";
    let a = analyze(text);
    let found: Vec<(f64, &str)> = a
        .targets
        .iter()
        .map(|t| (t.value, t.unit.as_str()))
        .collect();
    assert_eq!(
        found,
        vec![
            (8.0, "万吨/日"),
            (38.0, "%"),
            (2.5, "个/平方公里"),
            (12.0, "㎞"),
            (3.6, "万m²")
        ],
        "{:#?}",
        a.targets
    );
}

#[test]
fn a_count_in_an_items_title_sentence_is_a_target() {
    // The item's first sentence is its title; its count in figures is promised as much as
    // one in the text after it. A count spelt in words in a title names a set.
    let text = "某县2024年工业经济重点工作清单\n一、县工信局牵头工作(3项)\n1.新建4个标准化厂房园区。推动电子元件12条生产线投产,培育纺织加工集群。\n2.落实两个责任。加强安全生产检查,完善隐患排查制度。\n3.推动食品加工集群发展,扶持龙头企业做大做强。\n";
    let a = analyze(text);
    let found: Vec<(f64, &str)> = a
        .targets
        .iter()
        .map(|t| (t.value, t.unit.as_str()))
        .collect();
    assert_eq!(found, vec![(4.0, "个"), (12.0, "条")], "{:#?}", a.targets);
    assert!(a.targets[0].text.contains("标准化厂房园区"));
    assert_eq!(a.targets[0].year, Some(2024));
}

#[test]
fn a_bound_that_says_what_it_leaves_out_is_a_threshold() {
    let text = "某区优化审批服务工作方案\n一、主要任务\n1.简化用地审批。对面积5亩以下（不含5亩）的项目用地，由区政府审查后直接办理登记。\n2.提升办事效率。全年新增“一网通办”事项50项以上。\n";
    let a = analyze(text);
    let found: Vec<(f64, &str)> = a
        .targets
        .iter()
        .map(|t| (t.value, t.unit.as_str()))
        .collect();
    assert_eq!(found, vec![(50.0, "项")], "{:#?}", a.targets);
}

#[test]
fn digits_of_a_code_are_no_quantity() {
    let text = "某区2025年城市更新实施计划\n一、重点任务\n1.推进片区更新。加快推进XH2-0105单元东片区更新项目，完成PM2.5监测站点布设，新建口袋公园6座。\n";
    let a = analyze(text);
    let found: Vec<(f64, &str)> = a
        .targets
        .iter()
        .map(|t| (t.value, t.unit.as_str()))
        .collect();
    assert_eq!(found, vec![(6.0, "座")], "{:#?}", a.targets);
}

#[test]
fn one_spelt_in_words_counts_when_a_bound_promises_it() {
    // "一批", "一个平台" are ways of speaking; "不少于一场" promises a number.
    let text = "某区2024年普法宣传工作方案\n一、主要任务\n1.开展普法宣传。打造一批普法阵地，建设一个线上平台，各街道全年举办专题讲座不少于一场。\n";
    let a = analyze(text);
    let found: Vec<(f64, &str, Comparator)> = a
        .targets
        .iter()
        .map(|t| (t.value, t.unit.as_str(), t.comparator))
        .collect();
    assert_eq!(
        found,
        vec![(1.0, "场", Comparator::AtLeast)],
        "{:#?}",
        a.targets
    );
}

#[test]
fn power_and_length_written_in_latin_letters() {
    let a = analyze(
        "一、主要目标\n到2025年，新增光伏装机容量确保达到120MW，力争达到180MW。建设绿道50km。\n",
    );
    let got: Vec<(f64, &str)> = a
        .targets
        .iter()
        .map(|t| (t.value, t.unit.as_str()))
        .collect();
    assert_eq!(got, [(120.0, "MW"), (180.0, "MW"), (50.0, "km")]);
}
