//! The example score sheets: a plausible sheet for each category in the departments'
//! style (four sections of graded and per-finding items totalling 100). The demo seed
//! writes them as approved versions, and the office app offers them as a starting point
//! when a category has no sheet yet.

use crate::category::Category;
use crate::score_sheet::{ItemRule, SheetContent, SheetItem, SheetSection};

/// One item of a demo sheet: the standard's wording and its rule.
type DemoItem = (&'static str, ItemRule);

const fn graded(max: u32) -> ItemRule {
    ItemRule::Graded { max }
}

const fn deducted(per_finding: u32, max: u32) -> ItemRule {
    ItemRule::Deducted { per_finding, max }
}

/// A plausible approved score sheet for each category, in the departments' style: four
/// sections of graded and per-finding items totalling 100.
pub fn demo_sheet(category: Category) -> SheetContent {
    let (title, sections): (&str, Vec<(&str, Vec<DemoItem>)>) = match category {
        Category::Market => (
            "潮州市农贸市场现场评分表",
            vec![
                ("环境卫生", vec![
                    ("市场内地面平整、干净，无积水、无垃圾堆积、无污水横流（每发现一处扣2分）。", deducted(2, 8)),
                    ("摊位、台面整洁，商品摆放整齐，无占道经营、无乱搭乱建（每发现一处扣2分）。", deducted(2, 6)),
                    ("垃圾桶（箱）配备充足、分类设置、加盖密闭，垃圾日产日清（每发现一处扣2分）。", deducted(2, 6)),
                    ("公共厕所达到二类以上标准，有专人保洁，无明显臭味。", graded(6)),
                    ("排水沟渠通畅，无堵塞、无积存污物（每发现一处扣2分）。", deducted(2, 4)),
                ]),
                ("设施设备", vec![
                    ("功能分区合理，生鲜、熟食、干货分区经营，划行归市。", graded(6)),
                    ("水产、肉类摊位设有给排水设施，台面为易清洗的不透水材料。", graded(6)),
                    ("熟食销售设独立操作间，防蝇、防尘、冷藏设施齐全（每缺一项扣3分）。", deducted(3, 6)),
                    ("设有活禽宰杀隔离区（或已取消活禽交易），设施完好。", graded(4)),
                    ("配备洗手和消毒设施，并正常使用。", graded(3)),
                ]),
                ("病媒生物防制", vec![
                    ("建立病媒生物防制制度，有专人负责，定期消杀并有记录。", graded(5)),
                    ("鼠类：未发现鼠迹、鼠洞，挡鼠板等防鼠设施完好（每发现一处扣2分）。", deducted(2, 6)),
                    ("蚊蝇：熟食、生鲜区无成蝇，无蚊蝇孳生地，灭蝇灯、纱门纱窗完好（每发现一处扣2分）。", deducted(2, 8)),
                    ("蟑螂：未发现活蟑螂、卵鞘或蟑迹（每发现一处扣2分）。", deducted(2, 6)),
                ]),
                ("管理制度", vec![
                    ("设有市场管理机构和专职保洁队伍，职责明确。", graded(5)),
                    ("经营户亮证经营，从业人员持有效健康证明（每发现一户不符合扣1分）。", deducted(1, 5)),
                    ("设有食品安全快速检测室并正常开展检测，结果公示。", graded(4)),
                    ("设有投诉电话和公示栏，健康教育宣传栏定期更新。", graded(3)),
                    ("落实门前三包，周边无乱摆卖、无乱停放（每发现一处扣1分）。", deducted(1, 3)),
                ]),
            ],
        ),
        Category::Village => (
            "潮州市乡村人居环境现场评分表",
            vec![
                ("村容村貌", vec![
                    ("村内主干道、巷道干净，无垃圾、杂物堆放（每发现一处扣2分）。", deducted(2, 8)),
                    ("房前屋后整洁，无乱搭乱建、乱堆乱放、乱拉乱挂（每发现一处扣2分）。", deducted(2, 8)),
                    ("无违章建筑和危旧房屋，闲置地块得到清理整治。", graded(6)),
                    ("公共绿地、小公园有人管护，无枯死、无杂草丛生。", graded(8)),
                ]),
                ("生活垃圾治理", vec![
                    ("垃圾收集点设置合理，有盖、无满溢、无渗漏（每发现一处扣2分）。", deducted(2, 8)),
                    ("垃圾日产日清，配有保洁员并按时保洁。", graded(7)),
                    ("无露天焚烧垃圾，无卫生死角（每发现一处扣2分）。", deducted(2, 6)),
                    ("推行垃圾分类，村民知晓。", graded(4)),
                ]),
                ("生活污水与厕所", vec![
                    ("生活污水有收集处理设施并正常运行，无污水直排。", graded(8)),
                    ("村内沟渠、池塘水面清洁，无黑臭水体（每发现一处扣3分）。", deducted(3, 9)),
                    ("公共厕所干净卫生、有人管理，无粪便暴露（每发现一处扣2分）。", deducted(2, 8)),
                ]),
                ("长效管理", vec![
                    ("有村规民约和环境卫生责任制，责任到户。", graded(6)),
                    ("畜禽圈养，无散养、无粪污乱排（每发现一处扣2分）。", deducted(2, 8)),
                    ("设有健康教育宣传栏并定期更新。", graded(6)),
                ]),
            ],
        ),
        Category::Ditch => (
            "潮州市乡村沟渠现场评分表",
            vec![
                ("水面与岸坡", vec![
                    ("水面无漂浮垃圾、水葫芦等漂浮物（每发现一处扣2分）。", deducted(2, 10)),
                    ("水体无黑臭、无异味、无油污。", graded(10)),
                    ("岸坡无垃圾堆放、无建筑渣土倾倒（每发现一处扣3分）。", deducted(3, 9)),
                    ("岸坡植被良好，无大面积裸露、坍塌。", graded(6)),
                ]),
                ("排水与排污", vec![
                    ("沟渠畅通，无淤积、无阻水障碍物（每发现一处扣3分）。", deducted(3, 12)),
                    ("无生活污水、畜禽养殖废水直排入沟渠（每发现一处扣4分）。", deducted(4, 12)),
                    ("排污口已登记并设有标识。", graded(6)),
                ]),
                ("设施与管护", vec![
                    ("落实河（沟）长制，公示牌设置规范、信息准确。", graded(8)),
                    ("有专人定期巡查、清捞，记录完整。", graded(10)),
                    ("护栏、涵闸等设施完好，无安全隐患（每发现一处扣3分）。", deducted(3, 9)),
                    ("群众反映的问题及时处理。", graded(8)),
                ]),
            ],
        ),
        Category::Road => (
            "潮州市乡村道路现场评分表",
            vec![
                ("路面状况", vec![
                    ("路面平整，无坑槽、破损、积水（每发现一处扣2分）。", deducted(2, 10)),
                    ("路面干净，无垃圾、泥土、抛洒物（每发现一处扣2分）。", deducted(2, 10)),
                    ("无占道晾晒、堆放杂物、摆摊设点（每发现一处扣2分）。", deducted(2, 10)),
                ]),
                ("路肩与边沟", vec![
                    ("路肩整洁，无杂草丛生、无垃圾（每发现一处扣2分）。", deducted(2, 8)),
                    ("边沟畅通，无堵塞、无积水（每发现一处扣3分）。", deducted(3, 9)),
                    ("路域范围内无违章建筑、无乱搭乱建。", graded(8)),
                ]),
                ("沿线环境", vec![
                    ("沿线绿化有人管护，行道树无缺株、枯死。", graded(8)),
                    ("沿线无乱贴乱画、乱挂广告（每发现一处扣2分）。", deducted(2, 8)),
                    ("沿线垃圾收集点设置合理、无满溢。", graded(9)),
                ]),
                ("设施与养护", vec![
                    ("交通标志、标线齐全清晰。", graded(6)),
                    ("落实路长制和日常养护，有养护记录。", graded(8)),
                    ("护栏、警示桩等安全设施完好（每发现一处扣2分）。", deducted(2, 6)),
                ]),
            ],
        ),
    };
    SheetContent {
        title: title.to_owned(),
        sections: sections
            .into_iter()
            .enumerate()
            .map(|(s, (title, items))| SheetSection {
                id: format!("{}", s + 1),
                title: title.to_owned(),
                items: items
                    .into_iter()
                    .enumerate()
                    .map(|(i, (text, rule))| SheetItem {
                        id: format!("{}.{}", s + 1, i + 1),
                        text: text.to_owned(),
                        rule,
                    })
                    .collect(),
            })
            .collect(),
    }
}
