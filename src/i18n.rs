//! The one translation source for the app's own words: Simplified Chinese first,
//! English second. Names of phases, categories, roles and error messages are not here:
//! they come from the domain crate's `Label` and `message(lang)`.

use pingxuan_domain::Lang;

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
    NavRound,
    NavStaff,
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
            Msg::NavRound => ("本期设置", "Round"),
            Msg::NavStaff => ("账号管理", "Accounts"),

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
