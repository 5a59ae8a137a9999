//! Fixture plans written for these tests (not from the corpus): wordings,
//! layouts and scripts the recognizers must handle on plans they have not seen.

use planlens_core::{analyze, Comparator, SectionKind};

/// Each measure's section path and lead units, in order.
fn sections_and_leads(a: &planlens_core::Analysis) -> Vec<(String, Vec<String>)> {
    a.measures
        .iter()
        .map(|m| {
            (
                m.section.clone(),
                m.lead.iter().map(|n| n.to_string()).collect(),
            )
        })
        .collect()
}

#[test]
fn traditional_script_plan_keeps_names_as_written() {
    let text = "寧政〔2018〕92號\n各縣、區人民政府:\n一、主要任務\n1.加強協同。推進資源共享。(市科技局牽頭,市財政局、市教育局配合)\n2.落實用地。加大保障力度。(責任單位:市國土局;完成時限:2018年底前)\n";
    let a = analyze(text);
    assert_eq!(a.meta.script, planlens_core::Script::Traditional);
    assert_eq!(a.measures.len(), 2);
    assert_eq!(
        a.measures[0].lead,
        ["市科技局"].map(std::sync::Arc::<str>::from)
    );
    assert_eq!(
        a.measures[0].support,
        ["市財政局", "市教育局"].map(std::sync::Arc::<str>::from)
    );
    assert_eq!(
        a.measures[1].lead,
        ["市國土局"].map(std::sync::Arc::<str>::from)
    );
    let d = a.measures[1].deadline.as_ref().unwrap();
    assert_eq!(d.text, "2018年底前");
    assert_eq!(d.date.as_deref(), Some("2018-12-31"));
    assert_eq!(
        a.units
            .iter()
            .find(|u| u.name == "市財政局")
            .unwrap()
            .support,
        ["m1"]
    );
}

#[test]
fn scraped_page_junk_is_not_analysed() {
    let text = "首页 > 政务公开 > 规划计划\n范文\n菜单\n某区行动计划\n一、重点任务\n1.建设平台。新建孵化器3家。(责任单位:区科委)\n2.培育企业。(责任单位:区经委)\n纠错\n1.错误类:*\n2.出错页面的地址:*\n使用说明\n为你推荐\n3.某某方案全文\n";
    let a = analyze(text);
    assert_eq!(a.measures.len(), 2, "{:#?}", a.measures);
    assert_eq!(a.targets.len(), 1);
    assert_eq!(a.targets[0].value, 3.0);
    assert_eq!(a.meta.title.as_deref(), Some("某区行动计划"));
}

#[test]
fn html_left_in_text_is_read_through() {
    let text = "<div><p>一、主要任务</p><p>1.推进&ldquo;放管服&rdquo;改革。<b>新增</b>上市企业10家以上。(责任单位:区金融办)</p></div>";
    let a = analyze(text);
    assert_eq!(a.measures.len(), 1);
    assert!(a.measures[0].text.contains("“放管服”"));
    assert!(!a.measures[0].text.contains("<b>"));
    assert_eq!(
        a.measures[0].lead,
        ["区金融办"].map(std::sync::Arc::<str>::from)
    );
    assert_eq!(a.targets[0].comparator, Comparator::AtLeast);
}

#[test]
fn hard_wrapped_pdf_text_is_rejoined() {
    let text = "一、主要任务\n1.加快建设科技创新服务平台，推动科研院所与企业开展\n深度合作，建立成果转化机制。（责任单位：区科委、\n区发改委）\n2.完善人才政策。（责任单位：区人社局）\n";
    let a = analyze(text);
    assert_eq!(a.measures.len(), 2);
    assert_eq!(
        a.measures[0].lead,
        ["区科委", "区发改委"].map(std::sync::Arc::<str>::from)
    );
}

#[test]
fn footnote_markers_are_not_numbering() {
    let text = "三、主要任务\n(一)完善服务\n举措13:助推发展\n推动形式多样化。\n(1)增强服务功能。\n(2)通过外包④形式发挥作用。\n";
    let a = analyze(text);
    let texts: Vec<&str> = a.measures.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts[1].contains("外包④形式"));
}

#[test]
fn goals_tables_one_cell_per_line() {
    let text = "二、发展目标\n到2025年,主要指标如下。\n指标 |\n目标值 |\n高新技术企业 |\n达到500家以上 |\n研发投入强度 |\n3%左右 |\n";
    let a = analyze(text);
    let v: Vec<(f64, Comparator, Option<i32>)> = a
        .targets
        .iter()
        .map(|t| (t.value, t.comparator, t.year))
        .collect();
    assert_eq!(
        v,
        vec![
            (500.0, Comparator::AtLeast, Some(2025)),
            (3.0, Comparator::About, Some(2025))
        ]
    );
    assert_eq!(a.targets[0].indicator, "高新技术企业");
    assert_eq!(a.targets[1].indicator, "研发投入强度");
}

#[test]
fn sections_get_kinds_and_goal_sections_hold_no_measures() {
    let text = "一、发展基础\n全区已有企业100家。\n二、总体要求\n(一)指导思想\n坚持创新。\n(二)发展目标\n到2020年,新增企业50家。\n三、重点任务\n(一)优化环境。做好服务。(牵头单位:区商务委)\n四、保障措施\n(一)加强领导。成立领导小组。\n";
    let a = analyze(text);
    let kinds: Vec<SectionKind> = a.outline.iter().map(|o| o.kind).collect();
    assert_eq!(
        kinds,
        vec![
            SectionKind::Background,
            SectionKind::Principles,
            SectionKind::Tasks,
            SectionKind::Safeguards
        ]
    );
    assert_eq!(a.outline[1].children[1].kind, SectionKind::Goals);
    assert_eq!(a.targets.len(), 1);
    assert_eq!(a.targets[0].year, Some(2020));
    assert!(a
        .measures
        .iter()
        .all(|m| matches!(m.section_kind, SectionKind::Tasks | SectionKind::Safeguards)));
}

#[test]
fn warnings_for_gaps_placeholders_and_missing_owners() {
    let text = "一、主要任务\n1.甲事项。(责任单位:区甲局)\n2.乙事项。(责任单位:区乙局)\n4.丁事项。到20XX年建成5个。\n";
    let a = analyze(text);
    let kinds: Vec<&str> = a.warnings.iter().map(|w| w.kind.as_str()).collect();
    assert!(kinds.contains(&"numbering_gap"), "{kinds:?}");
    assert!(kinds.contains(&"placeholder_year"));
    assert!(kinds.contains(&"missing_owner"));
    assert_eq!(a.targets[0].year, None);
}

#[test]
fn analysis_is_deterministic() {
    let text = "一、主要任务\n1.推进改革。(责任单位:区科委)\n";
    assert_eq!(analyze(text), analyze(text));
}

#[test]
fn responsibility_on_label_lines_below_the_item() {
    let text = "一、重点任务\n1.推进改革。做好审批改革。\n牵头单位：区发改委\n配合单位：区财政局、区科委\n完成时限：2018年底前\n2.优化服务。做好窗口服务。\n责任单位：区行政服务中心\n";
    let a = analyze(text);
    assert_eq!(a.measures.len(), 2, "{:#?}", a.measures);
    assert_eq!(
        a.measures[0].lead,
        ["区发改委"].map(std::sync::Arc::<str>::from)
    );
    assert_eq!(
        a.measures[0].support,
        ["区财政局", "区科委"].map(std::sync::Arc::<str>::from)
    );
    assert_eq!(
        a.measures[0].deadline.as_ref().map(|d| d.text.as_str()),
        Some("2018年底前")
    );
    assert_eq!(
        a.measures[1].lead,
        ["区行政服务中心"].map(std::sync::Arc::<str>::from)
    );
}

#[test]
fn markdown_scrape_headings() {
    let text = "# 某市行动计划\n\n**一、主要任务**\n\n**（一）优化环境**\n\n1. 简化审批。（责任单位：市政务办）\n";
    let a = analyze(text);
    assert_eq!(a.outline.len(), 1);
    assert_eq!(a.measures.len(), 1);
    assert_eq!(a.measures[0].section, "一/(一)/1");
    assert_eq!(
        a.measures[0].lead,
        ["市政务办"].map(std::sync::Arc::<str>::from)
    );
}

#[test]
fn environmental_and_health_targets() {
    let text = "二、主要目标\n到2025年，PM2.5年均浓度控制在35微克/立方米以内，人均预期寿命达到80岁，单位GDP能耗下降15%。\n";
    let a = analyze(text);
    let v: Vec<(f64, &str, Comparator)> = a
        .targets
        .iter()
        .map(|t| (t.value, t.unit.as_str(), t.comparator))
        .collect();
    assert_eq!(
        v,
        vec![
            (35.0, "微克/立方米", Comparator::AtMost),
            (80.0, "岁", Comparator::Exact),
            (15.0, "%", Comparator::Exact)
        ]
    );
    assert!(a.targets.iter().all(|t| t.year == Some(2025)));
    let a = analyze(
        "二、主要目标\n到2025年，劳动年龄人口平均受教育年限提高到11.7年，力争3年内完成。\n",
    );
    assert_eq!(a.targets.len(), 1);
    assert_eq!(
        (a.targets[0].value, a.targets[0].unit.as_str()),
        (11.7, "年")
    );
}

#[test]
fn several_plans_in_one_file() {
    let text = "关于印发两个方案的通知\n各区人民政府：\n甲区行动计划\n一、主要任务\n1.推进甲事。（责任单位：甲局）\n2.推进乙事。（责任单位：乙局）\n二、保障措施\n加强领导。\n乙区实施方案\n一、工作目标\n到2020年，新增企业10家。\n二、重点任务\n（一）推进丙事。（责任单位：丙局）\n（二）推进丁事。（责任单位：丁局）\n";
    let a = analyze(text);
    let rows = sections_and_leads(&a);
    assert_eq!(
        rows,
        vec![
            ("一/1".into(), vec!["甲局".to_string()]),
            ("一/2".into(), vec!["乙局".to_string()]),
            ("二".into(), vec![]),
            ("二/(一)".into(), vec!["丙局".to_string()]),
            ("二/(二)".into(), vec!["丁局".to_string()]),
        ]
    );
    assert_eq!(a.outline.len(), 4);
    assert_eq!(a.targets.len(), 1);
}

#[test]
fn goal_sentences_outside_a_goals_heading() {
    let text = "为加快发展，制定本方案。到2020年，全区新增孵化器10家以上。\n一、总体要求\n坚持创新驱动，力争到2022年，高新技术企业达到500家。全区现有企业300家。\n二、重点任务\n1.建设平台。（责任单位：区科委）\n";
    let a = analyze(text);
    let v: Vec<(f64, Option<i32>)> = a.targets.iter().map(|t| (t.value, t.year)).collect();
    assert_eq!(v, vec![(10.0, Some(2020)), (500.0, Some(2022))]);
}

#[test]
fn a_part_with_no_owners_is_one_warning() {
    let text = "一、主要任务\n1.甲。\n2.乙。\n3.丙。\n二、重点工作安排\n1.甲。(责任单位:区甲局)\n2.乙。(责任单位:区乙局)\n3.丙。(责任单位:区丙局)\n4.丁。\n";
    let a = analyze(text);
    let w: Vec<&str> = a
        .warnings
        .iter()
        .filter(|w| w.kind == "missing_owner")
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].contains("3 项措施"));
    assert!(w[1].contains("二/4"));
}

#[test]
fn points_of_the_covering_notice_are_not_measures() {
    let text = "各县区人民政府：\n现将《某市分工落实方案》印发给你们，现就有关事项通知如下：\n一、高度重视，认真研究政策。各县区要认真学习。\n二、压实责任，推动工作落实。各牵头单位要统筹落实。\n三、加强督导，健全推进机制。市发展改革委负责督导。\n1.推进绿色低碳发展，形成一批经验。（牵头单位：市发展改革委；配合单位：市工业和信息化局）\n2.建设一批重点项目。（牵头单位：市工业和信息化局）\n";
    let a = analyze(text);
    let rows = sections_and_leads(&a);
    assert_eq!(
        rows,
        vec![
            ("三/1".into(), vec!["市发展改革委".to_string()]),
            ("三/2".into(), vec!["市工业和信息化局".to_string()])
        ]
    );
}

#[test]
fn numbered_goals_state_targets_in_their_titles_even_with_a_label_line_below() {
    // A one-year plan whose title wraps over two lines; each goal is a numbered line
    // with its 牵头单位 on the line below.
    let text = "某区政府2023年重点工作\n任务分解和责任分工方案\n一、经济社会发展的主要预期目标\n1.努力实现地区生产总值增长6.2%左右。\n牵头单位:区发改局\n2.规模上工业增加值增长5%左右。(牵头单位:区工信局)\n3.固定资产投资增长15%左右。\n二、重点任务\n1.建设平台。(责任单位:区科委)\n";
    let a = analyze(text);
    let v: Vec<(f64, Option<i32>)> = a.targets.iter().map(|t| (t.value, t.year)).collect();
    assert_eq!(
        v,
        vec![(6.2, Some(2023)), (5.0, Some(2023)), (15.0, Some(2023))]
    );
}

#[test]
fn a_numbered_item_with_short_sentences_inside_is_one_measure() {
    // The item opens with its title; the short sentences after it (开展…创建。推动…提升。)
    // are parts of that task, not topics of tasks of their own.
    let text = "某县2024年农业农村重点工作要点\n一、重点任务\n（一）稳定粮食生产。确保粮食产量稳定在50万吨以上，各乡镇要稳住面积、主攻单产。开展高产田创建。鼓励有条件的村发展再生稻，推广多熟制生产。推动玉米单产提升。继续落实种粮补贴，完善农资保供稳价机制。\n（二）发展设施农业。实施设施农业提升行动。加快建设育秧中心和育苗中心，推进产地冷链物流设施建设。\n";
    let a = analyze(text);
    assert_eq!(a.measures.len(), 2, "{:#?}", a.measures);
    assert!(a.measures[0].text.contains("推动玉米单产提升"));
}

#[test]
fn an_item_laid_out_one_sentence_a_line_is_one_measure() {
    // A sentence-split copy: every sentence on a line of its own, so a line is no paragraph.
    let text = "某县关于加强信用建设的通知\n各乡镇人民政府，县直各部门：\n为推进社会信用体系建设，现就有关事项通知如下。\n一、主要任务\n（一）建立信用承诺制度。\n县税务局在各类申报表中设立信用承诺书，申请人需对填报信息作出守信承诺。\n信用承诺的履行情况纳入个人信用记录，并视情况予以失信惩戒。\n（二）建立信用修复机制。\n对信用记录存在异议的，申请人可向县税务局提出异议申请；\n在规定期限内纠正失信行为的，可以开展信用修复。\n对轻微失信的申请人，县税务局将简化修复程序。\n（三）加强信用信息共享。\n县发展改革局建设全县信用信息共享平台，归集各部门信用信息。\n各部门要按最小授权原则设定信用信息管理人员权限。\n加大对信用信息系统的监管力度，确保信息安全。\n二、工作要求\n各乡镇、各部门要加强组织领导，明确专人负责本项工作。\n";
    let a = analyze(text);
    let items: Vec<_> = a
        .measures
        .iter()
        .filter(|m| m.section.starts_with("一/"))
        .collect();
    assert_eq!(items.len(), 3, "{:#?}", a.measures);
    assert!(items[0].text.contains("纳入个人信用记录"));
    assert!(items[1].text.contains("简化修复程序"));
    assert!(items[2].text.contains("确保信息安全"));
}

#[test]
fn a_closing_rallying_call_is_no_measure() {
    let text = "某县关于做好2024年乡村振兴重点工作的意见\n一、重点任务\n（一）稳定粮食生产。确保粮食产量稳定在50万吨以上。\n（二）发展设施农业。加快建设育秧中心和育苗中心。\n各乡镇要加强组织领导，压实工作责任，确保各项任务落到实处。\n让我们紧密团结在党中央周围，坚定信心、埋头苦干，为全面推进乡村振兴作出新的贡献。\n";
    let a = analyze(text);
    assert!(
        a.measures.iter().all(|m| !m.text.contains("让我们")),
        "{:#?}",
        a.measures
    );
    assert!(a.measures.iter().any(|m| m.text.contains("压实工作责任")));
}

#[test]
fn points_of_a_notice_that_forwards_its_plan_are_no_measures() {
    // "现将《…》印发给你们" then the notice's own points, the list of attachments, and the
    // attached plan: the points (and their counts) are the notice's, the plan's items are
    // the measures.
    let text = "各镇人民政府，县直各部门：\n经县政府同意，现将《2024年县民生实事任务清单》印发给你们，请认真抓好落实。\n一、压实责任。清单明确20项具体任务，涉及15个牵头单位，各单位要逐项细化措施。\n二、加强调度。各单位要按月报送进展情况，县政府督查室定期通报。\n附件：2024年县民生实事任务清单\n某县人民政府办公室\n2024年3月1日\n附件\n2024年县民生实事任务清单\n一、县教育局牵头工作（2项）\n1.新建3所公办幼儿园，增加学位900个。\n2.完成12所学校食堂改造提升。\n";
    let a = analyze(text);
    let heads: Vec<&str> = a.measures.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(heads.len(), 2, "{heads:#?}");
    assert!(heads[0].contains("公办幼儿园") && heads[1].contains("食堂改造"));
    assert!(a.measures.iter().all(|m| m.lead == ["县教育局".into()]));
    assert!(
        a.targets
            .iter()
            .all(|t| !t.text.contains("具体任务") && !t.text.contains("牵头单位")),
        "{:#?}",
        a.targets
    );
}

#[test]
fn points_of_a_notice_that_forwards_only_another_notice_are_the_work() {
    // It hands on no plan: what it asks, point by point, is the work, and the hour of a
    // deadline belongs to it.
    let text = "各市（州）人民政府，省政府各部门：\n现将《国务院关于开展全面督查的通知》转发你们，请立即开展自查。现就有关工作通知如下。\n一、各地自查\n各市（州）要对本地区贯彻实施情况开展逐项自查，于6月20日18：00前向省政府报送自查报告。\n二、部门自查\n省级部门要按照职责分工进行深入自查。由省发展改革委牵头完成自查报告，其他相关部门（单位）配合。\n特此通知。\n";
    let a = analyze(text);
    assert_eq!(a.measures.len(), 2, "{:#?}", a.measures);
    assert_eq!(
        a.measures[0].deadline.as_ref().map(|d| d.text.as_str()),
        Some("6月20日18：00前")
    );
    // A notice that hands on a plan keeps its points to itself (the test above).
    let forwarding = text.replace("《国务院关于开展全面督查的通知》", "《全面督查工作方案》");
    assert!(analyze(&forwarding).measures.is_empty());
}

#[test]
fn points_after_a_forwarding_sentence_with_no_attachment_list_are_the_work() {
    // The same sentence, but the plan is written out right after it: its items are measures.
    let text = "各镇人民政府，县直各部门：\n现将《县农村道路提升工作安排》印发给你们，请认真贯彻执行。\n一、完善路网。新建农村公路30公里，改造危桥5座。\n二、强化养护。落实县乡村三级路长制，实现养护全覆盖。\n某县人民政府办公室\n2024年3月1日\n";
    let a = analyze(text);
    assert_eq!(a.measures.len(), 2, "{:#?}", a.measures);
    assert!(a
        .targets
        .iter()
        .any(|t| t.value == 30.0 && t.unit == "公里"));
}

#[test]
fn a_steps_own_text_above_its_introduced_sub_items_is_a_measure() {
    // The step says what is done and by when; a separate line introduces its contents.
    let text = "某镇2024年人居环境评估工作方案\n一、工作步骤\n（一）开展现场调查（2024年5月）。组织各村对照评估清单开展现场调查，建立问题台账。\n（二）编制评估报告（2024年7月）。7月20日前，完成全镇评估报告并报镇政府审定。\n报告主要内容包括：\n1.全镇人居环境总体情况；\n2.存在问题及原因分析；\n（三）组织整改销号（2024年9月）。对照问题台账逐项整改，整改完成一项销号一项。\n";
    let a = analyze(text);
    let step = a
        .measures
        .iter()
        .find(|m| m.section == "一/(二)")
        .expect("the step is a measure");
    assert!(step.text.contains("7月20日前"), "{step:#?}");
    assert_eq!(
        step.deadline.as_ref().map(|d| d.text.as_str()),
        Some("2024年7月")
    );
    assert!(
        a.measures
            .iter()
            .all(|m| !m.text.starts_with("报告主要内容包括")),
        "{:#?}",
        a.measures
    );
}

#[test]
fn a_title_that_opens_with_an_adverb_before_its_verb_names_work() {
    // "基础" in a title marks background, but not in a title of work: 稳步推进…, 不断深化…
    // (under a parent whose title names no kind).
    let text = "某市数字政府建设规划\n一、发展基础\n全市政务服务事项网上可办率已达95%。\n二、提升政务服务能力\n（一）加快建设政务云平台。统一建设全市政务云，推动部门系统迁移上云。\n（二）稳步推进基础数据库建设。建成人口、法人、自然资源等基础数据库，实现按需共享。\n（三）不断深化基础服务改革。推行“一网通办”，全年新增网办事项50项以上。\n";
    let a = analyze(text);
    let sections: Vec<&str> = a.measures.iter().map(|m| m.section.as_str()).collect();
    assert_eq!(
        sections,
        vec!["二/(一)", "二/(二)", "二/(三)"],
        "{:#?}",
        a.measures
    );
    assert!(a.targets.iter().any(|t| t.value == 50.0 && t.unit == "项"));
}

#[test]
fn measures_share_their_section_titles_and_unit_names() {
    // Two measures under one section, both led by one unit: one allocation each.
    let text = "一、主要任务\n（一）推进改革\n1.推进审批改革。（牵头单位：区发改委）\n2.优化营商环境。（牵头单位：区发改委）\n";
    let a = planlens_core::analyze(text);
    let [m1, m2] = &a.measures[..] else {
        panic!("two measures: {:?}", a.measures);
    };
    assert_eq!(m1.path[..2], m2.path[..2]);
    assert!(std::sync::Arc::ptr_eq(&m1.path[0], &m2.path[0]));
    assert!(std::sync::Arc::ptr_eq(&m1.path[1], &m2.path[1]));
    assert_eq!(m1.lead, m2.lead);
    assert!(std::sync::Arc::ptr_eq(&m1.lead[0], &m2.lead[0]));
}
