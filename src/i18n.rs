//! The one translation source for the app's own words: Simplified Chinese first,
//! English second. Names of phases, categories, roles and error messages are not here:
//! they come from the domain crate's `Label` and `message(lang)`.

use pingxuan_domain::Lang;

pub mod accountability;
pub mod field;
pub mod fraud;
pub mod office_results;
pub mod places;
pub mod poster;
pub mod rectify;
pub mod results;
pub mod screening;
pub mod sheets;
pub mod teams;
pub mod vote;

/// A set of UI texts. The staff pages keep their words in their own enums (in
/// `i18n/<page>.rs`), so the residents' wasm never carries them.
pub trait Text: Copy + Send + Sync + 'static {
    /// The text in `lang`.
    fn text(self, lang: Lang) -> &'static str;
}

impl Text for Msg {
    fn text(self, lang: Lang) -> &'static str {
        Msg::text(self, lang)
    }
}

/// A piece of UI text. `Msg::X.text(lang)` gives it in `lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    // Shell
    AppName,
    LanguageGroup,
    NavMain,
    NavHome,
    NavWorkbench,
    NavLogin,
    NavStaffSite,
    NavRound,
    NavStaff,
    NavScreening,
    NavPlaces,
    NavPoster,
    NavFraud,
    NavRectify,
    /// The workbench's link to the score sheets (`/office/sheets`), for admins and lead
    /// departments.
    NavScoreSheets,
    // Shared states
    Loading,
    Retry,
    ErrorTitle,
    NetworkFailed,
    BadResponse,
    Cancel,
    Confirm,
    Saved,
    Saving,
    BackHome,
    // Home
    NoRoundTitle,
    NoRoundHint,
    CurrentPhase,
    BeijingTime,
    WindowTo,
    EndsIn,
    StartsIn,
    WindowClosed,
    Timeline,
    TimelineNow,
    TimelineDone,
    PublishedAfterReview,
    Categories,
    LeadDepartment,
    TotalScore,
    // Login and workbench
    LoginTitle,
    LoginHint,
    Username,
    UsernameHint,
    Password,
    ShowPassword,
    HidePassword,
    Show,
    Hide,
    SignIn,
    SigningIn,
    UsernameRequired,
    PasswordRequired,
    WorkbenchTitle,
    SignedInAs,
    Role,
    TownRole,
    SignOut,
    SigningOut,
    ComingSoon,
    // Admin gate
    NeedSignInTitle,
    NeedSignInHint,
    GoSignIn,
    NoPermissionTitle,
    NoPermissionHint,
    // Round settings
    AdvanceTo,
    Advancing,
    Advanced,
    EditRound,
    NewRound,
    NoRoundYetHint,
    NextRoundHint,
    RoundName,
    RoundNamePlaceholder,
    ScheduleTitle,
    Starts,
    Ends,
    ScoringTitle,
    VoteWeight,
    FieldWeight,
    WeightsHint,
    ConfigLocked,
    WorstN,
    WarnedN,
    MaxChoices,
    SaveChanges,
    CreateRound,
    RoundCreated,
    InvalidDatetime,
    InvalidPercent,
    InvalidInteger,
    // Staff accounts
    StaffListTitle,
    NoStaff,
    Active,
    Disabled,
    Disable,
    Enable,
    ResetPassword,
    NewPassword,
    SavePassword,
    PasswordReset,
    ThisIsYou,
    CreateStaffTitle,
    DisplayName,
    InitialPassword,
    PasswordHint,
    CreateAccount,
    Creating,
    AccountCreated,
    UsernameTaken,
    // Not found
    NotFoundTitle,
    NotFoundHint,
    // Nomination form
    Nominate,
    NominateTitle,
    NominateIntro,
    NominateCtaHint,
    CategoryQuestion,
    ChooseCategory,
    PlaceQuestion,
    ChoosePlace,
    SearchPlace,
    SearchPlaceholder,
    SearchHint,
    SearchResults,
    Searching,
    ChooseCategoryFirst,
    NewPlaceButton,
    BackToSearch,
    ChosenPlace,
    Change,
    PlaceName,
    PlaceNamePlaceholder,
    Town,
    ChooseTown,
    DescriptionQuestion,
    DescriptionPlaceholder,
    PhotosQuestion,
    PhotosHint,
    PhotosFull,
    TakePhoto,
    PickPhotos,
    PhotoPreparing,
    PhotoUploading,
    PhotoChecking,
    PhotoRetrying,
    PhotoFailed,
    PhotoUnreadable,
    PhotoUnreadableHint,
    PhotoUploaded,
    LocationQuestion,
    LocationWhy,
    UseMyLocation,
    Locating,
    LocationAdded,
    LocationRemove,
    LocationDenied,
    LocationUnavailable,
    LocationUnsupported,
    LocationOutside,
    PhoneQuestion,
    PhoneHint,
    SubmitNomination,
    Submitting,
    WaitForPhotos,
    DraftSavedHint,
    DraftKept,
    NominationThanks,
    Reference,
    ReferenceHint,
    NominateAnother,
    NominationNotYet,
    NominationOver,
    // Nominations list
    NominationsTitle,
    SeeNominations,
    NoNominations,
    NoNominationsOpen,
    NoNominationsClosed,
}

impl Msg {
    /// The text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Msg::AppName => ("潮州创卫·最差评选", "Chaozhou Clean City · Worst Picks"),
            Msg::LanguageGroup => ("语言", "Language"),
            Msg::NavMain => ("主导航", "Main navigation"),
            Msg::NavHome => ("首页", "Home"),
            Msg::NavWorkbench => ("工作台", "Workbench"),
            Msg::NavLogin => ("登录", "Sign in"),
            Msg::NavStaffSite => ("工作人员", "Staff"),
            Msg::NavRound => ("本期设置", "Round"),
            Msg::NavStaff => ("账号管理", "Accounts"),
            Msg::NavScreening => ("推荐筛选", "Screening"),
            Msg::NavPlaces => ("地点库", "Place register"),
            Msg::NavPoster => ("宣传海报", "Poster"),
            Msg::NavFraud => ("防刷票监控", "Ballot-stuffing watch"),
            Msg::NavRectify => ("整改任务", "Rectification tasks"),
            Msg::NavScoreSheets => ("现场评分表", "Score sheets"),

            Msg::Loading => ("正在加载…", "Loading…"),
            Msg::Retry => ("重试", "Try again"),
            Msg::ErrorTitle => ("出错了", "Something went wrong"),
            Msg::NetworkFailed => (
                "网络连接失败，请检查网络后重试",
                "Network connection failed. Please check your network and try again.",
            ),
            Msg::BadResponse => (
                "服务器返回的内容无法识别，请稍后再试。",
                "The server's answer could not be read. Please try again later.",
            ),
            Msg::Cancel => ("取消", "Cancel"),
            Msg::Confirm => ("确认", "Confirm"),
            Msg::Saved => ("已保存。", "Saved."),
            Msg::Saving => ("正在保存…", "Saving…"),
            Msg::BackHome => ("返回首页", "Back to home"),

            Msg::NoRoundTitle => ("暂无评选活动", "No selection under way"),
            Msg::NoRoundHint => (
                "新一期评选开始后，会在这里公布。",
                "The next round will be announced here.",
            ),
            Msg::CurrentPhase => ("当前阶段", "Current phase"),
            Msg::BeijingTime => ("北京时间", "Beijing time"),
            Msg::WindowTo => (" 至 ", " to "),
            Msg::EndsIn => ("距离本阶段结束还有", "This phase ends in"),
            Msg::StartsIn => ("距离本阶段开始还有", "This phase starts in"),
            Msg::WindowClosed => (
                "本阶段已到截止时间，请等待进入下一阶段。",
                "This phase has reached its end; the next phase opens soon.",
            ),
            Msg::Timeline => ("评选流程", "How the selection works"),
            Msg::TimelineNow => ("进行中", "Now"),
            Msg::TimelineDone => ("已完成", "Done"),
            Msg::PublishedAfterReview => ("审核通过后公布", "After the review"),
            Msg::Categories => ("评选范围", "What is selected"),
            Msg::LeadDepartment => ("牵头部门：", "Lead: "),
            Msg::TotalScore => ("总分", "Total"),

            Msg::LoginTitle => ("工作人员登录", "Staff sign-in"),
            Msg::LoginHint => (
                "仅供市创卫办和各牵头部门工作人员使用，市民无需登录。",
                "For campaign office and department staff. Residents do not need to sign in.",
            ),
            Msg::Username => ("用户名", "User name"),
            Msg::UsernameHint => (
                "以字母开头，可用字母、数字和 _ . -",
                "Starts with a letter; letters, digits and _ . -",
            ),
            Msg::Password => ("密码", "Password"),
            Msg::ShowPassword => ("显示密码", "Show password"),
            Msg::HidePassword => ("隐藏密码", "Hide password"),
            Msg::Show => ("显示", "Show"),
            Msg::Hide => ("隐藏", "Hide"),
            Msg::SignIn => ("登录", "Sign in"),
            Msg::SigningIn => ("正在登录…", "Signing in…"),
            Msg::UsernameRequired => ("请填写用户名。", "Please enter your user name."),
            Msg::PasswordRequired => ("请填写密码。", "Please enter your password."),
            Msg::WorkbenchTitle => ("工作台", "Workbench"),
            Msg::SignedInAs => ("当前登录", "Signed in as"),
            Msg::Role => ("角色", "Role"),
            Msg::TownRole => ("镇（街道）整改", "Town rectification"),
            Msg::SignOut => ("退出登录", "Sign out"),
            Msg::SigningOut => ("正在退出…", "Signing out…"),
            Msg::ComingSoon => (
                "部门筛选和现场评分功能将在对应阶段开放。",
                "Screening and on-site scoring open in their phases.",
            ),

            Msg::NeedSignInTitle => ("请先登录", "Please sign in"),
            Msg::NeedSignInHint => (
                "这个页面仅供市创卫办管理员使用，请先登录。",
                "This page is for campaign office admins. Please sign in first.",
            ),
            Msg::GoSignIn => ("去登录", "Sign in"),
            Msg::NoPermissionTitle => ("没有权限", "No permission"),
            Msg::NoPermissionHint => (
                "这个页面仅供市创卫办管理员使用。如需帮助，请联系市创卫办。",
                "This page is for campaign office admins. Contact the office if you need help.",
            ),

            Msg::AdvanceTo => ("进入下一阶段：", "Move on to: "),
            Msg::Advancing => ("正在切换…", "Moving on…"),
            Msg::Advanced => ("已进入下一阶段。", "The round has moved on."),
            Msg::EditRound => ("修改本期信息", "Edit this round"),
            Msg::NewRound => ("新建一期", "Start a new round"),
            Msg::NoRoundYetHint => (
                "还没有评选活动。填写下面的信息，就可以开始新一期。",
                "There is no round yet. Fill in the form below to start one.",
            ),
            Msg::NextRoundHint => (
                "本期结果已公布，可以开始下一期。",
                "This round's results are published; you can start the next one.",
            ),
            Msg::RoundName => ("本期名称", "Round name"),
            Msg::RoundNamePlaceholder => ("例如：2026年第6期", "e.g. 2026 round 6"),
            Msg::ScheduleTitle => ("各阶段时间（北京时间）", "Phase dates (Beijing time)"),
            Msg::Starts => ("开始", "Starts"),
            Msg::Ends => ("结束", "Ends"),
            Msg::ScoringTitle => ("评分和名单", "Scoring and lists"),
            Msg::VoteWeight => ("网上投票占比（%）", "Online vote weight (%)"),
            Msg::FieldWeight => ("现场评分占比（%）", "On-site score weight (%)"),
            Msg::WeightsHint => ("两项相加须为100%。", "The two must add up to 100%."),
            Msg::ConfigLocked => (
                "网上投票已经开始，计分和投票规则不能再修改。",
                "Voting has begun, so the scoring and voting rules can no longer change.",
            ),
            Msg::WorstN => ("每类最差名单数", "Named worst per category"),
            Msg::WarnedN => ("每类次差提醒数", "Warned per category"),
            Msg::MaxChoices => ("每张选票最多可选", "Choices per ballot"),
            Msg::SaveChanges => ("保存修改", "Save changes"),
            Msg::CreateRound => ("创建新一期", "Create the round"),
            Msg::RoundCreated => ("新一期已创建。", "The new round is created."),
            Msg::InvalidDatetime => ("请选择日期和时间。", "Choose a date and time."),
            Msg::InvalidPercent => ("请填写0到100之间的数字。", "Enter a number from 0 to 100."),
            Msg::InvalidInteger => ("请填写整数。", "Enter a whole number."),

            Msg::StaffListTitle => ("工作人员账号", "Staff accounts"),
            Msg::NoStaff => ("还没有工作人员账号。", "No staff accounts yet."),
            Msg::Active => ("启用中", "Active"),
            Msg::Disabled => ("已停用", "Disabled"),
            Msg::Disable => ("停用", "Disable"),
            Msg::Enable => ("启用", "Enable"),
            Msg::ResetPassword => ("重置密码", "Reset password"),
            Msg::NewPassword => ("新密码", "New password"),
            Msg::SavePassword => ("保存新密码", "Save new password"),
            Msg::PasswordReset => (
                "密码已重置，该账号需要用新密码重新登录。",
                "Password reset; the account must sign in again with the new one.",
            ),
            Msg::ThisIsYou => ("（我）", " (you)"),
            Msg::CreateStaffTitle => ("新建账号", "New account"),
            Msg::DisplayName => ("姓名", "Name"),
            Msg::InitialPassword => ("初始密码", "Initial password"),
            Msg::PasswordHint => ("至少10个字符。", "At least 10 characters."),
            Msg::CreateAccount => ("创建账号", "Create account"),
            Msg::Creating => ("正在创建…", "Creating…"),
            Msg::AccountCreated => ("账号已创建。", "Account created."),
            Msg::UsernameTaken => (
                "这个用户名已被使用，请换一个。",
                "This user name is taken; choose another.",
            ),

            Msg::NotFoundTitle => ("页面不存在", "Page not found"),
            Msg::NotFoundHint => (
                "您要找的页面不存在，可能是链接有误。",
                "The page you are looking for does not exist.",
            ),

            Msg::Nominate => ("我要推荐", "Nominate"),
            Msg::NominateTitle => ("推荐最差", "Nominate a worst place"),
            Msg::NominateIntro => (
                "拍几张照片，说说哪里脏乱差。不用登录，几分钟就能填好。",
                "Take a few photos and say what is wrong. No sign-in; it takes a few minutes.",
            ),
            Msg::NominateCtaHint => (
                "拍照推荐您身边最脏最乱的乡村、沟渠、道路和农贸市场。",
                "Nominate the dirtiest villages, ditches, roads and markets near you, with photos.",
            ),
            Msg::CategoryQuestion => ("1. 您要推荐哪一类？", "1. What kind of place?"),
            Msg::ChooseCategory => ("请选择要推荐的类别。", "Choose what kind of place it is."),
            Msg::PlaceQuestion => ("2. 是哪个地方？", "2. Which place?"),
            Msg::ChoosePlace => (
                "请搜索并选择地点；找不到的话，请填写新地点。",
                "Search for the place and pick it, or describe a new one.",
            ),
            Msg::SearchPlace => ("搜索地点", "Search for the place"),
            Msg::SearchPlaceholder => ("输入村名、市场名或镇名", "Village, market or town name"),
            Msg::SearchHint => (
                "输入几个字就能找到，例如“彩塘”。",
                "Type a few characters, e.g. 彩塘.",
            ),
            Msg::SearchResults => ("搜索结果", "Search results"),
            Msg::Searching => ("正在搜索…", "Searching…"),
            Msg::ChooseCategoryFirst => (
                "请先在上面选择类别，再搜索地点。",
                "Choose the kind of place above first, then search.",
            ),
            Msg::NewPlaceButton => ("找不到？填写新地点", "Not listed? Describe a new place"),
            Msg::BackToSearch => ("返回搜索地点", "Back to the search"),
            Msg::ChosenPlace => ("已选择", "Chosen"),
            Msg::Change => ("更换", "Change"),
            Msg::PlaceName => ("地点名称", "Name of the place"),
            Msg::PlaceNamePlaceholder => (
                "例如：彩塘镇华美农贸市场",
                "e.g. 彩塘镇华美农贸市场",
            ),
            Msg::Town => ("所在镇（街道）", "Town or subdistrict"),
            Msg::ChooseTown => ("请选择", "Choose"),
            Msg::DescriptionQuestion => ("3. 有什么问题？", "3. What is wrong?"),
            Msg::DescriptionPlaceholder => (
                "例如：市场门口垃圾堆积，污水横流，气味很大。",
                "e.g. Rubbish piles up at the entrance and waste water runs across the road.",
            ),
            Msg::PhotosQuestion => ("4. 拍照片（1–6张）", "4. Photos (1–6)"),
            Msg::PhotosHint => (
                "请拍清楚问题所在。照片会先在手机上压缩，再上传。",
                "Show the problem clearly. Photos are made smaller on your phone before upload.",
            ),
            Msg::PhotosFull => ("已有6张照片，不能再加了。", "6 photos is the most."),
            Msg::TakePhoto => ("拍照", "Camera"),
            Msg::PickPhotos => ("从相册选择", "From album"),
            Msg::PhotoPreparing => ("正在压缩…", "Preparing…"),
            Msg::PhotoUploading => ("上传中 ", "Uploading "),
            Msg::PhotoChecking => ("正在处理…", "Checking…"),
            Msg::PhotoRetrying => ("网络不好，正在重试…", "Weak network, retrying…"),
            Msg::PhotoFailed => ("上传失败", "Upload failed"),
            Msg::PhotoUnreadable => ("无法读取", "Unreadable"),
            Msg::PhotoUnreadableHint => (
                "有一张照片无法读取，请删掉它，换一张。",
                "One photo cannot be read; remove it and choose another.",
            ),
            Msg::PhotoUploaded => ("已上传", "Uploaded"),
            Msg::LocationQuestion => ("5. 位置（选填）", "5. Location (optional)"),
            Msg::LocationWhy => (
                "如果您现在就在这个地方，可以附上位置，方便工作人员找到。",
                "If you are at the place now, add your location so staff can find it.",
            ),
            Msg::UseMyLocation => ("使用我现在的位置", "Use my location"),
            Msg::Locating => ("正在获取位置…", "Finding your location…"),
            Msg::LocationAdded => ("已附上您现在的位置", "Location added"),
            Msg::LocationRemove => ("不附带位置", "Remove the location"),
            Msg::LocationDenied => (
                "没有获得位置权限。不附带位置也可以提交。",
                "Location permission was not given. You can send without it.",
            ),
            Msg::LocationUnavailable => (
                "暂时无法获取位置。不附带位置也可以提交。",
                "Your location could not be found. You can send without it.",
            ),
            Msg::LocationUnsupported => (
                "这个浏览器不能获取位置。不附带位置也可以提交。",
                "This browser cannot share a location. You can send without it.",
            ),
            Msg::LocationOutside => (
                "您现在的位置不在潮州市范围内，不能附带。不附带位置也可以提交。",
                "You are outside Chaozhou, so the location cannot be added. You can send without it.",
            ),
            Msg::PhoneQuestion => ("6. 联系电话（选填）", "6. Phone number (optional)"),
            Msg::PhoneHint => (
                "如需核实情况，工作人员可能联系您。号码不会公开。",
                "Staff may call you to check details. It is never made public.",
            ),
            Msg::SubmitNomination => ("提交推荐", "Send the nomination"),
            Msg::Submitting => ("正在提交…", "Sending…"),
            Msg::WaitForPhotos => ("照片上传中，请稍候…", "Uploading photos, please wait…"),
            Msg::DraftSavedHint => (
                "填写的内容会自动保存在本机，刷新页面也不会丢失。",
                "What you enter is saved on this phone, even if the page reloads.",
            ),
            Msg::DraftKept => (
                "您已填写的推荐内容保存在本机，网络恢复后可以继续。",
                "Your unfinished nomination is saved on this phone; carry on once online.",
            ),
            Msg::NominationThanks => ("推荐已提交，谢谢您！", "Thank you! Your nomination is in."),
            Msg::Reference => ("推荐编号", "Reference number"),
            Msg::ReferenceHint => (
                "请记下推荐编号。部门筛选后，候选名单会在网上投票时公布。",
                "Keep this number. The shortlist is published when voting opens.",
            ),
            Msg::NominateAnother => ("再推荐一个", "Nominate another place"),
            Msg::NominationNotYet => ("网上推荐还没开始", "Nominations are not open yet"),
            Msg::NominationOver => ("本期网上推荐已结束", "Nominations are closed"),

            Msg::NominationsTitle => ("推荐公示", "Nominations"),
            Msg::SeeNominations => ("查看推荐公示", "See the nominations"),
            Msg::NoNominations => ("这一类还没有推荐", "No nominations here yet"),
            Msg::NoNominationsOpen => (
                "您可以第一个推荐。",
                "Be the first to nominate a place.",
            ),
            Msg::NoNominationsClosed => (
                "本期这一类没有收到市民推荐。",
                "This round received no nominations in this category.",
            ),
        };
        lang.pick(zh, en)
    }
}

/// "确定要从「网上推荐」进入「部门筛选」吗？" — the advance confirmation.
pub fn advance_question(lang: Lang, from: &str, to: &str) -> String {
    match lang {
        Lang::Zh => format!("确定要从「{from}」进入「{to}」吗？切换后不能退回。"),
        Lang::En => format!("Move from “{from}” to “{to}”? This cannot be undone."),
    }
}

/// The confirmation before disabling or re-enabling someone's account.
pub fn active_question(lang: Lang, name: &str, disable: bool) -> String {
    match (lang, disable) {
        (Lang::Zh, true) => format!("确定停用「{name}」的账号吗？停用后将无法登录。"),
        (Lang::Zh, false) => format!("确定重新启用「{name}」的账号吗？"),
        (Lang::En, true) => format!("Disable {name}'s account? They will not be able to sign in."),
        (Lang::En, false) => format!("Enable {name}'s account again?"),
    }
}

/// "网上推荐将于12月1日 00:00开始。" — the closed form, before the window.
pub fn nomination_opens(lang: Lang, at: chrono::DateTime<chrono::Utc>) -> String {
    let when = pingxuan_domain::time::format_datetime(at, lang);
    match lang {
        Lang::Zh => format!("网上推荐将于{when}开始，到时欢迎您来推荐。"),
        Lang::En => format!("Nominations open on {when}."),
    }
}

/// Why the form is closed once the window has passed; `phase` is where the round is.
pub fn nomination_closed(lang: Lang, phase: &str) -> String {
    match lang {
        Lang::Zh => format!("现在是「{phase}」阶段，不再接受推荐。感谢您的关注！"),
        Lang::En => format!("The round is now in “{phase}”; nominations are no longer taken."),
    }
}

/// "没有找到“彩塘”。"
pub fn no_place_found(lang: Lang, query: &str) -> String {
    match lang {
        Lang::Zh => format!("没有找到“{query}”。可以换个词，或者填写新地点。"),
        Lang::En => {
            format!("Nothing found for “{query}”. Try other words, or describe a new place.")
        }
    }
}

/// "第2张照片" — a photo's accessible name.
pub fn photo_alt(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("第{n}张照片"),
        Lang::En => format!("Photo {n}"),
    }
}

/// "删除第2张照片"
pub fn remove_photo_label(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("删除第{n}张照片"),
        Lang::En => format!("Remove photo {n}"),
    }
}

/// When more photos were picked than there is room for.
pub fn photos_skipped(lang: Lang, max: usize, skipped: usize) -> String {
    match lang {
        Lang::Zh => format!("最多{max}张照片，多选的{skipped}张没有加入。"),
        Lang::En => format!("At most {max} photos; {skipped} were left out."),
    }
}

/// When photos of a saved draft could not be found on the phone after a reload.
pub fn photos_lost(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("有{n}张还没上传的照片没能保存在手机上，请重新选择。"),
        Lang::En => {
            format!("{n} photo(s) not yet uploaded could not be kept; please choose them again.")
        }
    }
}

/// "（误差约30米）"
pub fn accuracy_text(lang: Lang, metres: f64) -> String {
    let m = metres.round() as i64;
    match lang {
        Lang::Zh => format!("（误差约{m}米）"),
        Lang::En => format!(" (within about {m} m)."),
    }
}

/// "3 人推荐"
pub fn nominated_by(lang: Lang, n: u32) -> String {
    match (lang, n) {
        (Lang::Zh, _) => format!("{n} 人推荐"),
        (Lang::En, 1) => "1 nomination".to_owned(),
        (Lang::En, _) => format!("{n} nominations"),
    }
}

/// "十个最差农贸市场：共 5 条推荐，涉及 3 个地点"
pub fn list_summary(lang: Lang, title: &str, total: u32, places: usize) -> String {
    match lang {
        Lang::Zh => format!("{title}：共 {total} 条推荐，涉及 {places} 个地点"),
        Lang::En => format!("{title}: {total} nominations of {places} places"),
    }
}

/// A weight (0–1) as the percentage people write: `40`, `33.5`, `66.67`.
pub fn percent(weight: f64) -> String {
    // Integer arithmetic keeps float formatting out of the wasm.
    let hundredths = (weight * 10_000.0).round() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let h = hundredths.abs();
    match h % 100 {
        0 => format!("{sign}{}", h / 100),
        f if f % 10 == 0 => format!("{sign}{}.{}", h / 100, f / 10),
        f => format!("{sign}{}.{f:02}", h / 100),
    }
}
