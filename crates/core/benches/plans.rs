//! Plan texts of a given size for the benchmarks and the memory example, in two shapes:
//! the corpus plans concatenated, and one plan made of many numbered items (the shape
//! whose cost grows with the number of measures, units and targets in one document).

use std::path::{Path, PathBuf};

pub fn corpus_dir() -> PathBuf {
    std::env::var("PLANLENS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"))
}

/// The text plans of the corpus (`docs/*.txt`), in name order.
pub fn corpus() -> Vec<String> {
    let dir = corpus_dir().join("docs");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus docs")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// The corpus plans one after another until the text reaches `bytes`.
pub fn concatenated(bytes: usize) -> String {
    let docs = corpus();
    let mut out = String::with_capacity(bytes + 200_000);
    'fill: loop {
        for d in &docs {
            if out.len() >= bytes {
                break 'fill;
            }
            out.push_str(d);
            out.push('\n');
        }
    }
    out
}

const UNITS: &[&str] = &[
    "市发改委",
    "市财政局",
    "市科技局",
    "市工业和信息化局",
    "市商务局",
    "市人力资源社会保障局",
    "市自然资源和规划局",
    "市生态环境局",
    "市住房城乡建设局",
    "市交通运输局",
    "市农业农村局",
    "市文化广电旅游局",
    "市卫生健康委",
    "市市场监管局",
    "市统计局",
    "市大数据局",
    "市教育局",
    "市民政局",
    "市应急局",
    "市水务局",
    "各区县人民政府",
    "市委宣传部",
    "市委网信办",
    "市公安局",
    "市司法局",
    "市审计局",
    "市国资委",
    "市税务局",
    "人民银行市中心支行",
];
const TOPICS: &[&str] = &[
    "数字经济",
    "先进制造业",
    "现代服务业",
    "乡村振兴",
    "生态环境治理",
    "公共服务",
    "营商环境",
    "科技创新",
    "人才引进",
    "城市更新",
    "综合交通",
    "开放合作",
    "安全生产",
    "文化旅游",
];
const VERBS: &[&str] = &[
    "加快", "推进", "完善", "强化", "深化", "实施", "健全", "优化",
];
const NUMS: &[&str] = &[
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    "十五", "十六", "十七", "十八", "十九", "二十",
];

/// One plan of `bytes`: a title, then chapters 一、… with sections （一）… of numbered
/// items 1. … carrying a responsibility note and, every few items, a target.
pub fn numbered_items(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str("某市推动高质量发展三年行动实施方案（2024—2026年）\n\n");
    out.push_str("为深入贯彻落实党中央、国务院决策部署，制定本方案。\n\n");
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let (mut chapter, mut item) = (0usize, 0usize);
    while out.len() < bytes {
        let num = NUMS.get(chapter % NUMS.len()).copied().unwrap_or("一");
        chapter += 1;
        out.push_str(&format!("{num}、{}重点任务\n", TOPICS[next(TOPICS.len())]));
        for section in NUMS.iter().take(6) {
            out.push_str(&format!(
                "（{section}）{}{}发展\n",
                VERBS[next(VERBS.len())],
                TOPICS[next(TOPICS.len())]
            ));
            for k in 1..=8 {
                item += 1;
                let topic = TOPICS[next(TOPICS.len())];
                let verb = VERBS[next(VERBS.len())];
                out.push_str(&format!(
                    "{k}.{verb}{topic}第{item}项工作。围绕{topic}建设，{verb}体制机制创新，\
                     推动重点项目落地见效，形成一批可复制可推广的经验做法。"
                ));
                if k % 3 == 0 {
                    out.push_str(&format!(
                        "到{}年，{topic}规模达到{}亿元，覆盖率达到{}%以上。",
                        2024 + next(3),
                        100 + next(900),
                        60 + next(40)
                    ));
                }
                let lead = UNITS[next(UNITS.len())];
                let a = UNITS[next(UNITS.len())];
                let b = UNITS[next(UNITS.len())];
                out.push_str(&format!("（牵头单位：{lead}；配合单位：{a}、{b}"));
                if k % 2 == 0 {
                    out.push_str(&format!("；完成时限：{}年底前", 2024 + next(3)));
                }
                out.push_str("）\n");
            }
        }
    }
    out
}

/// One plan of `bytes` whose second half is an annex 任务分解表: numbered items in the
/// body, then a pipe table of rows (序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限),
/// one in four restating a body item (the annex gives it units), the rest new tasks:
/// the shape whose cost grows with rows × body measures if rows are matched by scans.
pub fn task_table(bytes: usize) -> String {
    let body = numbered_items(bytes / 2);
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str(&body);
    out.push_str("\n附件\n\n重点任务分解表\n\n序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限\n");
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    // The body's items, to restate some of them word for word.
    let items: Vec<&str> = body
        .lines()
        .filter_map(|l| l.split_once('.').map(|(_, rest)| rest))
        .filter_map(|rest| rest.split_once('（').map(|(task, _)| task))
        .collect();
    let mut row = 0usize;
    while out.len() < bytes {
        row += 1;
        let task = if row.is_multiple_of(4) && !items.is_empty() {
            items[next(items.len())].to_string()
        } else {
            let topic = TOPICS[next(TOPICS.len())];
            let verb = VERBS[next(VERBS.len())];
            format!("{verb}{topic}专项行动第{row}项，建立{topic}工作台账并按月调度。")
        };
        out.push_str(&format!(
            "{row} | {task} | {} | {}、{} | {}年底前\n",
            UNITS[next(UNITS.len())],
            UNITS[next(UNITS.len())],
            UNITS[next(UNITS.len())],
            2024 + next(3)
        ));
    }
    out
}
