//! Traditional → simplified folding, one char to one char, so that offsets stay
//! aligned: the matching view uses it, output texts never do.

use crate::model::Script;

/// Pairs `traditional simplified`, two chars each. Only the characters that the
/// recognizers look at (labels, unit names, measure words, section titles) and
/// common words around them; unknown characters pass through unchanged.
const PAIRS: &str = "責责單单牽牵頭头負负職职協协辦办時时間间門门參参與与會会屬属務务歸归導导領领組组織织聯联動动進进層层級级總总擔担\
區区縣县鎮镇鄉乡園园廳厅處处團团隊队黨党機机關关構构營营業业產产經经濟济發发開开財财稅税監监銀银險险農农環环貿贸華华廣广衛卫計计統统審审調调設设規规劃划資资國国際际權权證证護护災灾運运輸输鐵铁體体網网絡络訊讯電电視视聽听藝艺術术館馆書书檢检驗验測测醫医療疗藥药養养樂乐僑侨婦妇殘残紀纪編编軍军離离糧粮倉仓儲储氣气礦矿漁渔龍龙東东陝陕蘇苏滬沪寧宁遼辽閩闽贛赣魯鲁粵粤瓊琼貴贵雲云臺台灣湾\
個个項项場场戶户張张噸吨畝亩萬万億亿條条屆届輪轮號号線线類类筆笔種种隻只輛辆棟栋\
達达於于餘余將将內内約约過过後后歲岁滿满長长堅坚續续標标則则態态勢势礎础現现狀状問问題题築筑實实綱纲範范圍围專专欄栏節节佈布\
為为對对這这從从來来們们說说還还應应當当樣样學学見见點点車车馬马魚鱼齊齐黃黄數数據据庫库備备質质莊庄結结價价傳传歷历變变邊边選选難难響响頁页順顺須须預预風风飛飞驅驱創创眾众籌筹雙双獎奖勵励補补貼贴貸贷擴扩穩稳轉转換换舊旧衝冲礙碍擊击優优壯壮準准綜综鏈链幣币費费購购鐘钟\
億亿兩两萬万佔占幹干廠厂盡尽齡龄氫氢淨净產产貨货鋼钢銷销售售級级優优質质續续複复雜杂務务礎础辦办紐纽縮缩減减濟济額额獲获積积極极壓压協协韌韧強强廢废棄弃態态響响聲声適适遞递遠远違违規规範范視视覽览親亲觀观訂订計计認认討讨訓训記记許许設设診诊評评試试詢询該该詳详語语誤误說说請请諸诸課课論论調调談谈諮咨謀谋講讲謝谢證证識识譜谱護护讀读變变讓让貫贯費费資资賦赋質质賽赛贊赞趨趋躍跃車车軌轨軟软載载輔辅輕轻較较輯辑輸输辦办農农這这連连週周運运過过達达違违遙遥適适選选遺遗還还邊边鄰邻酬酬醫医釋释針针鋪铺鏈链長长閉闭開开閑闲間间閱阅闊阔隊队階阶陽阳際际陸陆隨随險险隱隐雜杂雙双雞鸡離离難难雲云電电靜静韓韩頂顶項项順顺須须預预領领頻频題题額额顧顾風风飲饮館馆駐驻騰腾驗验髮发鬥斗魚鱼鳥鸟鹽盐麗丽麥麦點点齊齐龜龟樓楼寫写雖虽幫帮廳厅慣惯應应懷怀戰战擁拥擴扩擬拟擇择據据攜携敗败數数斷断於于時时晉晋書书會会東东條条極极構构槍枪様样機机權权歐欧歲岁歷历殺杀氣气決决況况測测溫温滅灭漢汉潔洁澤泽灣湾無无為为煙烟熱热燈灯爭争獨独獻献環环現现璽玺畫画當当療疗發发盤盘監监盧卢確确碼码礦矿禮礼禦御稱称種种穀谷競竞範范築筑簡简籃篮糧粮紀纪約约紅红紙纸級级純纯細细終终組组結结統统絲丝經经綠绿維维網网線线緊紧練练縣县總总績绩織织繼继續续罰罚羅罗義义習习聖圣聞闻聯联聲声職职聽听腦脑臉脸興兴舉举艦舰藝艺蘭兰處处號号蟲虫術术衛卫裝装製制複复規规覺觉親亲觀观";

/// The folding table, built once per analysis: a direct table over the CJK Unified
/// Ideographs block (where every pair lives) and sorted pairs for the rest.
pub struct Folder {
    to_simplified: Vec<(char, char)>,
    simplified_only: Vec<char>,
    /// Direct lookup for the CJK Unified Ideographs block, where all pairs live.
    direct: Vec<char>,
    /// Per char of that block: `TRADITIONAL`, `SIMPLIFIED_ONLY` or 0, so that script
    /// detection reads one byte a char instead of two binary searches.
    class: Vec<u8>,
}

const TRADITIONAL: u8 = 1;
const SIMPLIFIED_ONLY: u8 = 2;

const CJK_START: u32 = 0x4E00;
const CJK_END: u32 = 0x9FFF;

/// A char of the CJK Unified Ideographs block, where the direct table folds.
pub fn is_cjk(c: char) -> bool {
    (CJK_START..=CJK_END).contains(&(c as u32))
}

impl Folder {
    pub fn new() -> Self {
        let mut to_simplified = vec![];
        let mut it = PAIRS.chars();
        while let (Some(t), Some(s)) = (it.next(), it.next()) {
            if t != s {
                to_simplified.push((t, s));
            }
        }
        to_simplified.sort_unstable();
        to_simplified.dedup_by_key(|p| p.0);
        let mut simplified_only: Vec<char> = to_simplified.iter().map(|p| p.1).collect();
        simplified_only.sort_unstable();
        simplified_only.dedup();
        // A char that is also some other pair's traditional form is not simplified-only.
        simplified_only.retain(|c| to_simplified.binary_search_by_key(c, |p| p.0).is_err());
        let mut direct: Vec<char> = (CJK_START..=CJK_END)
            .map(|u| char::from_u32(u).unwrap_or(' '))
            .collect();
        for &(t, s) in &to_simplified {
            if (CJK_START..=CJK_END).contains(&(t as u32)) {
                direct[(t as u32 - CJK_START) as usize] = s;
            }
        }
        let mut class = vec![0u8; (CJK_END - CJK_START + 1) as usize];
        for (&c, k) in to_simplified
            .iter()
            .map(|p| (&p.0, TRADITIONAL))
            .chain(simplified_only.iter().map(|c| (c, SIMPLIFIED_ONLY)))
        {
            if let Some(slot) = (c as u32)
                .checked_sub(CJK_START)
                .and_then(|i| class.get_mut(i as usize))
            {
                *slot = k;
            }
        }
        Folder {
            to_simplified,
            simplified_only,
            direct,
            class,
        }
    }

    /// The one table of the process, built on first use: every analysis shares it
    /// (building it costs as much as analysing a short plan).
    pub fn shared() -> &'static Folder {
        static SHARED: std::sync::OnceLock<Folder> = std::sync::OnceLock::new();
        SHARED.get_or_init(Folder::new)
    }

    pub fn fold(&self, c: char) -> char {
        let u = c as u32;
        if u < CJK_START {
            return c;
        }
        if u <= CJK_END {
            return self.direct[(u - CJK_START) as usize];
        }
        match self.to_simplified.binary_search_by_key(&c, |p| p.0) {
            Ok(i) => self.to_simplified[i].1,
            Err(_) => c,
        }
    }

    pub fn is_traditional(&self, c: char) -> bool {
        match self.class_of(c) {
            Some(k) => k == TRADITIONAL,
            None => {
                (c as u32) > CJK_END && self.to_simplified.binary_search_by_key(&c, |p| p.0).is_ok()
            }
        }
    }

    pub fn is_simplified_only(&self, c: char) -> bool {
        match self.class_of(c) {
            Some(k) => k == SIMPLIFIED_ONLY,
            None => (c as u32) > CJK_END && self.simplified_only.binary_search(&c).is_ok(),
        }
    }

    /// A char of the CJK Unified Ideographs block folded, with its class (as
    /// [`Tally::count`] takes it): one look-up of each table; `None` outside the block.
    #[inline]
    pub fn fold_cjk(&self, c: char) -> Option<(char, u8)> {
        let i = (c as u32).checked_sub(CJK_START)? as usize;
        Some((*self.direct.get(i)?, *self.class.get(i)?))
    }

    /// The class of a char of the CJK Unified Ideographs block; `None` outside it.
    fn class_of(&self, c: char) -> Option<u8> {
        let u = c as u32;
        if u < CJK_START {
            return Some(0);
        }
        self.class.get((u - CJK_START) as usize).copied()
    }
}

impl Default for Folder {
    fn default() -> Self {
        Folder::new()
    }
}

/// The chars that exist only in one script, counted as a text is read once (the
/// lines are read char by char anyway: no pass of its own).
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    /// The chars counted, by class (`TRADITIONAL`, `SIMPLIFIED_ONLY`, or neither).
    by_class: [usize; 4],
}

impl Tally {
    #[inline]
    pub fn add(&mut self, folder: &Folder, c: char) {
        // One look-up a char in the CJK block (and below it); the pairs only above it.
        match folder.class_of(c) {
            Some(class) => self.count(class),
            None if folder.is_traditional(c) => self.count(TRADITIONAL),
            None if folder.is_simplified_only(c) => self.count(SIMPLIFIED_ONLY),
            None => {}
        }
    }

    /// A char of the CJK block, by the class [`Folder::fold_cjk`] gave (one add a
    /// char, no test).
    #[inline]
    pub fn count(&mut self, class: u8) {
        self.by_class[usize::from(class & 3)] += 1;
    }

    /// Which script the text is written in.
    pub fn script(self) -> Script {
        let trad = self.by_class[usize::from(TRADITIONAL)];
        let simp = self.by_class[usize::from(SIMPLIFIED_ONLY)];
        if trad == 0 || trad * 20 < simp {
            Script::Simplified
        } else if simp * 20 < trad {
            Script::Traditional
        } else {
            Script::Mixed
        }
    }
}

/// Which script the text is written in, by counting chars that exist only in one.
#[cfg(test)]
pub fn detect(folder: &Folder, chars: impl Iterator<Item = char>) -> Script {
    let mut tally = Tally::default();
    for c in chars {
        tally.add(folder, c);
    }
    tally.script()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_labels_one_to_one() {
        let f = Folder::new();
        let folded: String = "責任單位按職責分工負責"
            .chars()
            .map(|c| f.fold(c))
            .collect();
        assert_eq!(folded, "责任单位按职责分工负责");
        assert_eq!(f.fold('區'), '区');
        assert_eq!(f.fold('a'), 'a');
    }

    #[test]
    fn class_table_agrees_with_the_pairs() {
        let f = Folder::new();
        for u in 0x3000..0xA000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let trad = u >= 0x4E00 && f.to_simplified.binary_search_by_key(&c, |p| p.0).is_ok();
            let simp = u >= 0x4E00 && f.simplified_only.binary_search(&c).is_ok();
            assert_eq!(f.is_traditional(c), trad, "{c}");
            assert_eq!(f.is_simplified_only(c), simp, "{c}");
        }
        assert!(f.is_traditional('區') && f.is_simplified_only('区'));
    }

    #[test]
    fn detects_script() {
        let f = Folder::new();
        assert_eq!(
            detect(&f, "各縣區人民政府,市政府各局、委、辦".chars()),
            Script::Traditional
        );
        assert_eq!(
            detect(&f, "各县区人民政府,市政府各局、委、办".chars()),
            Script::Simplified
        );
    }
}
