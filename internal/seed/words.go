package seed

// The word lists below are the raw material of the demo data. Chinese entries
// carry their simplified and traditional forms, so a customer in Shanghai and
// one in Taipei each get the script they would actually write, plus pinyin for
// e-mail addresses and community handles, which must be ASCII.

// zh is a Chinese word in simplified and traditional script. When both forms
// are the same, t may be left empty.
type zh struct{ s, t string }

// in returns the word in the given script.
func (w zh) in(sc script) string {
	if sc == traditional && w.t != "" {
		return w.t
	}
	return w.s
}

// zhName is part of a Chinese name with its pinyin (no tones, no spaces).
type zhName struct {
	zh
	py string
}

// surnames are ordered roughly by frequency; they are drawn with a Zipf-like
// skew so 王, 李, 張 and 劉 are as common as they are in life.
var surnames = []zhName{
	{zh{"王", ""}, "wang"}, {zh{"李", ""}, "li"}, {zh{"张", "張"}, "zhang"}, {zh{"刘", "劉"}, "liu"},
	{zh{"陈", "陳"}, "chen"}, {zh{"杨", "楊"}, "yang"}, {zh{"黄", "黃"}, "huang"}, {zh{"赵", "趙"}, "zhao"},
	{zh{"吴", "吳"}, "wu"}, {zh{"周", ""}, "zhou"}, {zh{"徐", ""}, "xu"}, {zh{"孙", "孫"}, "sun"},
	{zh{"马", "馬"}, "ma"}, {zh{"朱", ""}, "zhu"}, {zh{"胡", ""}, "hu"}, {zh{"郭", ""}, "guo"},
	{zh{"何", ""}, "he"}, {zh{"林", ""}, "lin"}, {zh{"高", ""}, "gao"}, {zh{"罗", "羅"}, "luo"},
	{zh{"郑", "鄭"}, "zheng"}, {zh{"梁", ""}, "liang"}, {zh{"谢", "謝"}, "xie"}, {zh{"宋", ""}, "song"},
	{zh{"唐", ""}, "tang"}, {zh{"许", "許"}, "xu"}, {zh{"韩", "韓"}, "han"}, {zh{"冯", "馮"}, "feng"},
	{zh{"邓", "鄧"}, "deng"}, {zh{"曹", ""}, "cao"}, {zh{"彭", ""}, "peng"}, {zh{"曾", ""}, "zeng"},
	{zh{"萧", "蕭"}, "xiao"}, {zh{"田", ""}, "tian"}, {zh{"董", ""}, "dong"}, {zh{"潘", ""}, "pan"},
	{zh{"袁", ""}, "yuan"}, {zh{"蔡", ""}, "cai"}, {zh{"蒋", "蔣"}, "jiang"}, {zh{"余", ""}, "yu"},
	{zh{"杜", ""}, "du"}, {zh{"叶", "葉"}, "ye"}, {zh{"程", ""}, "cheng"}, {zh{"魏", ""}, "wei"},
	{zh{"苏", "蘇"}, "su"}, {zh{"吕", "呂"}, "lyu"}, {zh{"丁", ""}, "ding"}, {zh{"任", ""}, "ren"},
	{zh{"沈", ""}, "shen"}, {zh{"姚", ""}, "yao"}, {zh{"卢", "盧"}, "lu"}, {zh{"姜", ""}, "jiang"},
	{zh{"崔", ""}, "cui"}, {zh{"钟", "鍾"}, "zhong"}, {zh{"谭", "譚"}, "tan"}, {zh{"陆", "陸"}, "lu"},
	{zh{"汪", ""}, "wang"}, {zh{"范", ""}, "fan"}, {zh{"金", ""}, "jin"}, {zh{"石", ""}, "shi"},
	{zh{"廖", ""}, "liao"}, {zh{"贾", "賈"}, "jia"}, {zh{"夏", ""}, "xia"}, {zh{"韦", "韋"}, "wei"},
	{zh{"方", ""}, "fang"}, {zh{"白", ""}, "bai"}, {zh{"邹", "鄒"}, "zou"}, {zh{"孟", ""}, "meng"},
	{zh{"熊", ""}, "xiong"}, {zh{"秦", ""}, "qin"}, {zh{"邱", ""}, "qiu"}, {zh{"江", ""}, "jiang"},
	{zh{"尹", ""}, "yin"}, {zh{"薛", ""}, "xue"}, {zh{"段", ""}, "duan"}, {zh{"雷", ""}, "lei"},
	{zh{"侯", ""}, "hou"}, {zh{"龙", "龍"}, "long"}, {zh{"史", ""}, "shi"}, {zh{"陶", ""}, "tao"},
	{zh{"贺", "賀"}, "he"}, {zh{"顾", "顧"}, "gu"}, {zh{"毛", ""}, "mao"}, {zh{"郝", ""}, "hao"},
	{zh{"龚", "龔"}, "gong"}, {zh{"邵", ""}, "shao"}, {zh{"钱", "錢"}, "qian"}, {zh{"严", "嚴"}, "yan"},
	{zh{"戴", ""}, "dai"}, {zh{"莫", ""}, "mo"}, {zh{"孔", ""}, "kong"}, {zh{"汤", "湯"}, "tang"},
}

// givenNames mixes the one-character names common in mainland China with the
// two-character names more usual among younger people and in Taiwan and Hong Kong.
var givenNames = []zhName{
	{zh{"芳", ""}, "fang"}, {zh{"伟", "偉"}, "wei"}, {zh{"敏", ""}, "min"}, {zh{"静", "靜"}, "jing"},
	{zh{"丽", "麗"}, "li"}, {zh{"强", "強"}, "qiang"}, {zh{"磊", ""}, "lei"}, {zh{"军", "軍"}, "jun"},
	{zh{"洋", ""}, "yang"}, {zh{"勇", ""}, "yong"}, {zh{"艳", "艷"}, "yan"}, {zh{"杰", "傑"}, "jie"},
	{zh{"娟", ""}, "juan"}, {zh{"涛", "濤"}, "tao"}, {zh{"明", ""}, "ming"}, {zh{"超", ""}, "chao"},
	{zh{"秀英", ""}, "xiuying"}, {zh{"霞", ""}, "xia"}, {zh{"平", ""}, "ping"}, {zh{"刚", "剛"}, "gang"},
	{zh{"鹏", "鵬"}, "peng"}, {zh{"华", "華"}, "hua"}, {zh{"玲", ""}, "ling"}, {zh{"辉", "輝"}, "hui"},
	{zh{"婷", ""}, "ting"}, {zh{"斌", ""}, "bin"}, {zh{"浩", ""}, "hao"}, {zh{"晨", ""}, "chen"},
	{zh{"欣怡", ""}, "xinyi"}, {zh{"子涵", ""}, "zihan"}, {zh{"宇轩", "宇軒"}, "yuxuan"}, {zh{"浩然", ""}, "haoran"},
	{zh{"梓萱", ""}, "zixuan"}, {zh{"俊杰", "俊傑"}, "junjie"}, {zh{"志明", ""}, "zhiming"}, {zh{"淑芬", ""}, "shufen"},
	{zh{"雅婷", ""}, "yating"}, {zh{"家豪", ""}, "jiahao"}, {zh{"怡君", ""}, "yijun"}, {zh{"建国", "建國"}, "jianguo"},
	{zh{"文博", ""}, "wenbo"}, {zh{"思远", "思遠"}, "siyuan"}, {zh{"佳慧", ""}, "jiahui"}, {zh{"晓明", "曉明"}, "xiaoming"},
	{zh{"美玲", ""}, "meiling"}, {zh{"国强", "國強"}, "guoqiang"}, {zh{"丽华", "麗華"}, "lihua"}, {zh{"嘉欣", ""}, "jiaxin"},
	{zh{"诗涵", "詩涵"}, "shihan"}, {zh{"一鸣", "一鳴"}, "yiming"}, {zh{"天宇", ""}, "tianyu"}, {zh{"雨桐", ""}, "yutong"},
	{zh{"明辉", "明輝"}, "minghui"}, {zh{"凯文", "凱文"}, "kaiwen"}, {zh{"慧敏", ""}, "huimin"}, {zh{"志强", "志強"}, "zhiqiang"},
}

var firstNames = []string{
	"Emma", "Liam", "Olivia", "Noah", "Ava", "Oliver", "Sophia", "James", "Isabella", "William",
	"Mia", "Benjamin", "Charlotte", "Lucas", "Amelia", "Henry", "Harper", "Alexander", "Evelyn", "Daniel",
	"Grace", "Michael", "Chloe", "Ethan", "Emily", "Jack", "Hannah", "Samuel", "Lily", "David",
	"Sarah", "Thomas", "Jessica", "Ryan", "Rachel", "Nathan", "Priya", "Arjun", "Aisha", "Omar",
	"Sofia", "Mateo", "Yuki", "Hiroshi", "Zoe", "Isaac", "Freya", "Oscar", "Ruby", "George",
}

var lastNames = []string{
	"Wilson", "Chen", "Smith", "Johnson", "Brown", "Taylor", "Anderson", "Thomas", "Martin", "Lee",
	"Walker", "Wright", "Clarke", "Patel", "Khan", "Wong", "Tan", "Lim", "Ng", "Murphy",
	"Kelly", "O'Brien", "Garcia", "Nguyen", "Davies", "Evans", "Hughes", "Roberts", "Thompson", "White",
	"Harris", "Robinson", "Hall", "Young", "King", "Scott", "Green", "Baker", "Adams", "Campbell",
	"Mitchell", "Turner", "Parker", "Cooper", "Shah", "Okafor", "Fernandez", "Rossi", "Novak", "Sato",
}

// region is where a customer sits; it decides the script of their name, the
// currency they pay in and the shape of their phone number and address.
type region struct {
	name     string
	chinese  bool
	script   script
	currency string
	cities   []zh
	weight   float64
}

var regions = []region{
	{"華東", true, simplified, "CNY", []zh{{"上海市", ""}, {"杭州市", ""}, {"南京市", ""}, {"苏州市", "蘇州市"}}, 30},
	{"華北", true, simplified, "CNY", []zh{{"北京市", ""}, {"天津市", ""}, {"石家庄市", "石家莊市"}}, 18},
	{"華南", true, traditional, "CNY", []zh{{"广州市", "廣州市"}, {"深圳市", ""}, {"厦门市", "廈門市"}}, 20},
	{"西南", true, simplified, "CNY", []zh{{"成都市", ""}, {"重庆市", "重慶市"}, {"昆明市", ""}}, 12},
	{"London", false, latin, "GBP", []zh{{"London", ""}}, 10},
	{"Manchester", false, latin, "GBP", []zh{{"Manchester", ""}}, 4},
	{"New York", false, latin, "USD", []zh{{"New York", ""}}, 9},
	{"San Francisco", false, latin, "USD", []zh{{"San Francisco", ""}}, 5},
	{"Singapore", false, latin, "USD", []zh{{"Singapore", ""}}, 7},
}

var zhStreets = []zh{
	{"人民路", ""}, {"中山路", ""}, {"解放路", ""}, {"建设路", "建設路"}, {"南京路", ""},
	{"和平路", ""}, {"长江路", "長江路"}, {"滨江大道", "濱江大道"}, {"科技园路", "科技園路"}, {"文化路", ""},
}

var enStreets = []string{
	"High Street", "Market Street", "Station Road", "Church Lane", "Park Avenue", "King Street",
	"Victoria Road", "Harbour Drive", "Orchard Road", "Mill Lane", "Bridge Street", "Broadway",
}

// industries are bilingual labels so one filter finds every customer of an
// industry whichever language the rest of their file is in.
var industries = []string{
	"零售 Retail", "製造 Manufacturing", "科技 Technology", "金融 Finance", "教育 Education",
	"醫療 Healthcare", "餐飲 Food & Beverage", "物流 Logistics", "傳媒 Media", "時尚 Fashion",
	"諮詢 Consulting", "貿易 Trade",
}

var zhOccupations = []zh{
	{"工程师", "工程師"}, {"教师", "教師"}, {"设计师", "設計師"}, {"会计师", "會計師"}, {"医生", "醫生"},
	{"律师", "律師"}, {"销售经理", "銷售經理"}, {"产品经理", "產品經理"}, {"学生", "學生"},
	{"自由职业者", "自由職業者"}, {"店主", ""}, {"采购经理", "採購經理"}, {"护士", "護士"}, {"公务员", "公務員"},
}

var enOccupations = []string{
	"Engineer", "Teacher", "Designer", "Accountant", "Doctor", "Lawyer", "Sales manager",
	"Product manager", "Student", "Freelancer", "Shop owner", "Buyer", "Nurse", "Civil servant",
}

var zhInterests = []zh{
	{"茶道", ""}, {"摄影", "攝影"}, {"跑步", ""}, {"烘焙", ""}, {"旅行", ""}, {"阅读", "閱讀"},
	{"书法", "書法"}, {"数码", "數碼"}, {"园艺", "園藝"}, {"瑜伽", ""}, {"咖啡", ""}, {"登山", ""},
}

var enInterests = []string{
	"tea", "photography", "running", "baking", "travel", "reading", "gaming",
	"gardening", "yoga", "coffee", "hiking", "cycling",
}

var customerTags = []string{
	"vip", "wholesale", "newsletter", "trade-fair", "tea-lover", "early-adopter", "b2b",
	"repeat-buyer", "gift-buyer", "price-sensitive", "老客戶", "團購", "展會", "企業採購",
}

// orgPart is a piece of an organisation's name with the ASCII form used in
// its e-mail domain.
type orgPart struct {
	zh
	ascii string
}

// Service areas an organisation in a region might cover, besides the whole
// country or the world.
var zhServiceAreas = map[string][]zh{
	"華東": {{"华东地区", "華東地區"}, {"长三角", "長三角"}},
	"華北": {{"华北地区", "華北地區"}, {"京津冀", ""}},
	"華南": {{"华南地区", "華南地區"}, {"珠三角", ""}},
	"西南": {{"西南地区", "西南地區"}, {"川渝", ""}},
}

var enServiceAreas = map[string][]string{
	"London":        {"UK", "UK and Ireland", "Europe"},
	"Manchester":    {"North of England", "UK"},
	"New York":      {"US East Coast", "North America"},
	"San Francisco": {"US West Coast", "North America"},
	"Singapore":     {"Singapore", "South-East Asia"},
}

var zhOrgBrands = []orgPart{
	{zh{"华信", "華信"}, "huaxin"}, {zh{"恒通", ""}, "hengtong"}, {zh{"金鼎", ""}, "jinding"},
	{zh{"盛达", "盛達"}, "shengda"}, {zh{"鸿运", "鴻運"}, "hongyun"}, {zh{"瑞丰", "瑞豐"}, "ruifeng"},
	{zh{"嘉和", ""}, "jiahe"}, {zh{"新元", ""}, "xinyuan"}, {zh{"天成", ""}, "tiancheng"},
	{zh{"佳亿", "佳億"}, "jiayi"}, {zh{"永泰", ""}, "yongtai"}, {zh{"德隆", ""}, "delong"},
	{zh{"东方", "東方"}, "dongfang"}, {zh{"中联", "中聯"}, "zhonglian"}, {zh{"博远", "博遠"}, "boyuan"},
}

// orgTrade is a line of business: its Chinese name part, English name part,
// industry and the product category it mostly buys.
type orgTrade struct {
	zh       zh
	en       string
	ascii    string
	industry string
	category int
}

var orgTrades = []orgTrade{
	{zh{"贸易", "貿易"}, "Traders", "trading", "貿易 Trade", 0},
	{zh{"科技", ""}, "Technologies", "tech", "科技 Technology", 1},
	{zh{"茶业", "茶業"}, "Tea Company", "tea", "餐飲 Food & Beverage", 0},
	{zh{"电子", "電子"}, "Electronics", "electronics", "製造 Manufacturing", 1},
	{zh{"服饰", "服飾"}, "Outfitters", "apparel", "時尚 Fashion", 2},
	{zh{"文化传媒", "文化傳媒"}, "Media", "media", "傳媒 Media", 3},
	{zh{"家居", ""}, "Home Goods", "home", "零售 Retail", 4},
	{zh{"化妆品", "化妝品"}, "Beauty", "beauty", "零售 Retail", 5},
	{zh{"物流", ""}, "Logistics", "logistics", "物流 Logistics", 4},
	{zh{"餐饮管理", "餐飲管理"}, "Hospitality", "catering", "餐飲 Food & Beverage", 0},
}

var enOrgNames = []string{
	"Northwind", "Bluewater", "Silverline", "Red Kite", "Oakridge", "Harbour", "Summit", "Crescent",
	"Evergreen", "Lighthouse", "Ironbridge", "Meridian", "Kestrel", "Thistle", "Pinecrest", "Lantern",
}

var companySizes = []string{"1-10", "11-50", "51-200", "201-1000", "1000+"}

var creditRatings = []string{"AAA", "AA", "A", "BBB", "BB"}

// categories are the product categories of the demo shop, bilingual like the
// industries so reports group them the same way in either language.
var categories = []string{"茶葉 Tea", "電子產品 Electronics", "服飾 Apparel", "圖書 Books", "家居 Home", "美妝 Beauty"}

// channels and their weights: most orders come from the web shop.
var channels = []string{"web", "store", "partner", "phone"}

var zhBusinessStatus = []zh{
	{"合作稳定，按月下单。", "合作穩定，按月下單。"},
	{"今年采购量明显增加，计划扩大合作。", "今年採購量明顯增加，計劃擴大合作。"},
	{"新开门店两家，需求上升。", "新開門店兩家，需求上升。"},
	{"业务收缩中，订单减少。", "業務收縮中，訂單減少。"},
}

var enBusinessStatus = []string{
	"Stable; orders monthly.",
	"Volumes up this year; planning to expand the account.",
	"Opened two new stores; demand rising.",
	"Scaling back; fewer orders lately.",
}

var zhPayment = []zh{
	{"按时付款。", "按時付款。"}, {"通常延迟 15 天付款。", "通常延遲 15 天付款。"}, {"月结 30 天。", "月結 30 天。"},
}

var enPayment = []string{"Pays on time.", "Usually pays two weeks late.", "Net 30, monthly statement."}

var zhOpenIssues = []zh{
	{"上批货有两箱破损，待补发。", "上批貨有兩箱破損，待補發。"},
	{"发票抬头需要更正。", "發票抬頭需要更正。"},
}

var enOpenIssues = []string{"Two cartons damaged in the last shipment; replacement pending.", "Invoice address needs correcting."}

// Community content.

var zhProducts = []zh{
	{"西湖龙井", "西湖龍井"}, {"武夷岩茶", ""}, {"云南普洱", "雲南普洱"}, {"安溪铁观音", "安溪鐵觀音"},
	{"降噪耳机", "降噪耳機"}, {"智能手表", "智能手錶"}, {"机械键盘", "機械鍵盤"}, {"羊毛大衣", ""},
	{"真丝围巾", "真絲圍巾"}, {"香薰蜡烛", "香薰蠟燭"}, {"保湿面霜", "保濕面霜"}, {"精华液", "精華液"},
	{"电子阅读器", "電子閱讀器"}, {"手冲咖啡壶", "手沖咖啡壺"}, {"空气炸锅", "空氣炸鍋"},
}

var enProducts = []string{
	"Dragon Well tea", "aged pu-erh", "oolong sampler", "noise-cancelling headphones", "smartwatch",
	"mechanical keyboard", "wool coat", "silk scarf", "scented candle", "moisturiser", "vitamin C serum",
	"e-reader", "pour-over kettle", "air fryer", "linen bedding",
}

// Board indexes into boardSpecs.
const (
	boardAnnouncements = iota
	boardProductTalk
	boardLounge
	boardSupport
)

type boardSpec struct {
	name, slug, description string
	read, post              string
	weight                  float64 // share of posts
}

// boardSpecs are the demo boards. Announcements may only be posted by staff;
// the seed still gives its posts a member author because a post must have
// one, and writing as the system it is not bound by the board's rule.
var boardSpecs = []boardSpec{
	{"公告 Announcements", "announcements", "社區公告與活動通知。News and events from the Kith team.", "PUBLIC", "STAFF", 0},
	{"產品討論 Product talk", "product-talk", "心得、開箱與比較。Reviews, unboxings and comparisons.", "PUBLIC", "MEMBERS", 45},
	{"會員專區 Members lounge", "members-lounge", "會員閒聊。Off-topic chat for members only.", "MEMBERS", "MEMBERS", 27},
	{"客服 Support", "support", "訂單、配送與帳戶問題。Orders, delivery and account questions.", "PUBLIC", "MEMBERS", 28},
}

var announcements = []struct{ title, body string }{
	{"社區守則更新 Community guidelines update", "我們更新了社區守則，請大家發言前花兩分鐘看一看。\n\nWe have updated the community guidelines; please take two minutes to read them before posting."},
	{"春季會員見面會報名開始 Spring meetup: registration open", "今年春季見面會在上海和倫敦同步舉辦，名額有限。\n\nThis year's spring meetup runs in Shanghai and London on the same day. Places are limited."},
	{"系統維護通知 Scheduled maintenance", "本週六凌晨 2:00–4:00 進行系統維護，期間無法下單。\n\nThe shop will be down for maintenance on Saturday 02:00–04:00."},
	{"新品預告：秋季茶葉 Coming soon: autumn teas", "秋茶即將上架，會員可提前一週預訂。\n\nAutumn teas arrive soon; members can pre-order a week early."},
	{"會員積分規則調整 Changes to loyalty points", "從下月起，發帖和回覆也可以獲得積分。\n\nFrom next month, posts and replies earn loyalty points too."},
	{"歡迎新朋友 Welcome, new members", "歡迎最近加入的朋友，來這裡介紹一下自己吧！\n\nA warm welcome to everyone who joined recently. Say hello!"},
	{"年度會員調查 Annual member survey", "填寫問卷即可獲得 50 積分，感謝大家的意見。\n\nTell us what you think and earn 50 points."},
	{"假期物流安排 Holiday shipping schedule", "春節期間物流暫停，請提前下單。\n\nShipping pauses over Chinese New Year; please order early."},
}

// Title templates; %s is a product name where present.
var zhTitles = map[int][]zh{
	boardProductTalk: {
		{"%s用了三个月的心得", "%s用了三個月的心得"}, {"有人买过%s吗？", "有人買過%s嗎？"},
		{"%s值不值得入手", ""}, {"%s和旧款比有什么差别", "%s和舊款比有什麼差別"},
		{"分享我的%s开箱", "分享我的%s開箱"}, {"%s的正确保养方法", "%s的正確保養方法"},
		{"求推荐：送长辈的%s", "求推薦：送長輩的%s"}, {"%s新品试用报告", "%s新品試用報告"},
	},
	boardLounge: {
		{"大家周末都在做什么？", "大家週末都在做什麼？"}, {"新人报到，请多指教", "新人報到，請多指教"},
		{"上海的朋友有空一起喝茶吗", "上海的朋友有空一起喝茶嗎"}, {"分享一张今天拍的照片", "分享一張今天拍的照片"},
		{"最近在读的一本书", "最近在讀的一本書"}, {"大家怎么平衡工作和生活", "大家怎麼平衡工作和生活"},
		{"推荐一家好吃的小店", "推薦一家好吃的小店"}, {"年底旅行计划征集", "年底旅行計劃徵集"},
	},
	boardSupport: {
		{"订单一直显示待发货", "訂單一直顯示待發貨"}, {"如何修改收货地址？", "如何修改收貨地址？"},
		{"%s收到时包装破损", "%s收到時包裝破損"}, {"发票抬头填错了怎么办", "發票抬頭填錯了怎麼辦"},
		{"会员积分没有到账", "會員積分沒有到賬"}, {"退货流程要多久？", "退貨流程要多久？"},
		{"忘记密码收不到邮件", "忘記密碼收不到郵件"},
	},
}

var enTitles = map[int][]string{
	boardProductTalk: {
		"Three months with the %s", "Is the %s worth it?", "Unboxing my new %s", "The %s vs the old model",
		"How do you look after your %s?", "Gift idea: a %s for my parents?", "First impressions of the %s",
	},
	boardLounge: {
		"What are you up to this weekend?", "New here, hello everyone!", "Book club: what are you reading?",
		"Share your desk setup", "Favourite tea spots in Singapore?", "Working from home tips",
		"Photo thread: your morning cup", "Anyone going to the spring meetup?",
	},
	boardSupport: {
		"Order still shows 'processing'", "How do I change my delivery address?", "My %s arrived damaged",
		"Invoice has the wrong company name", "Loyalty points missing after purchase", "How long do refunds take?",
		"Password reset email never arrives",
	},
}

// Body sentences are listed in the order a writer would use them: a post
// takes a few and keeps their order, so it opens and closes naturally.
var zhSentences = map[int][]zh{
	boardProductTalk: {
		{"对比了几家，最后还是选了这款。", "對比了幾家，最後還是選了這款。"},
		{"整体来说很满意，做工比预期好。", "整體來說很滿意，做工比預期好。"},
		{"价格稍微有点贵，但品质对得起这个价。", "價格稍微有點貴，但品質對得起這個價。"},
		{"包装很用心，送人也很体面。", "包裝很用心，送人也很體面。"},
		{"用了一段时间，发现有几个小问题，整体还是推荐。", "用了一段時間，發現有幾個小問題，整體還是推薦。"},
		{"客服回复很快，这点要点赞。", "客服回覆很快，這點要點讚。"},
		{"门店可以试用，建议先去看看实物。", "門店可以試用，建議先去看看實物。"},
		{"如果有折扣的话，我会再回购。", "如果有折扣的話，我會再回購。"},
		{"大家有什么使用技巧可以分享吗？", "大家有什麼使用技巧可以分享嗎？"},
	},
	boardLounge: {
		{"最近天气不错，周末去郊外走了走。", "最近天氣不錯，週末去郊外走了走。"},
		{"工作太忙了，好久没上来看看。", "工作太忙了，好久沒上來看看。"},
		{"分享一下我的日常，欢迎大家留言。", "分享一下我的日常，歡迎大家留言。"},
		{"有同城的朋友可以约一下。", "有同城的朋友可以約一下。"},
		{"下次见面会我一定报名！", "下次見面會我一定報名！"},
		{"这里的氛围真好，感谢大家。", "這裡的氛圍真好，感謝大家。"},
	},
	boardSupport: {
		{"下单已经五天了，物流还没有更新。", "下單已經五天了，物流還沒有更新。"},
		{"App 和网页上显示的状态不一样。", "App 和網頁上顯示的狀態不一樣。"},
		{"联系过在线客服，说会尽快处理。", "聯繫過線上客服，說會盡快處理。"},
		{"订单号已经私信给客服了。", "訂單號已經私信給客服了。"},
		{"请问有没有人遇到过同样的问题？", "請問有沒有人遇到過同樣的問題？"},
		{"希望能尽快解决，谢谢。", "希望能盡快解決，謝謝。"},
	},
}

var enSentences = map[int][]string{
	boardProductTalk: {
		"I compared a few brands and ended up choosing this one.",
		"Overall I'm very happy with it; the build quality is better than I expected.",
		"A bit pricey, but the quality justifies it.",
		"The packaging is lovely, which makes it a good gift.",
		"After a few weeks I found a couple of small niggles, but I'd still recommend it.",
		"Customer service answered within the hour, which was great.",
		"You can try it in the store first, which I'd recommend.",
		"I'd buy it again if it went on sale.",
		"Any tips for getting the most out of it?",
	},
	boardLounge: {
		"Lovely weather lately, so I spent the weekend outdoors.",
		"Work has been hectic; it's good to be back here.",
		"Sharing a bit of my day; comments welcome.",
		"Anyone nearby fancy meeting up?",
		"I'm definitely signing up for the next meetup!",
		"Such a friendly community, thanks all.",
	},
	boardSupport: {
		"I ordered five days ago and tracking still hasn't updated.",
		"The app and the website show different statuses.",
		"Live chat said they'd look into it.",
		"I've sent my order number to support.",
		"Has anyone else run into this?",
		"Hoping to get this sorted soon, thanks.",
	},
}

var postTags = map[int][]string{
	boardAnnouncements: {"news", "event", "公告"},
	boardProductTalk:   {"review", "tea", "新品", "開箱", "gift", "comparison"},
	boardLounge:        {"chat", "meetup", "閒聊", "photos", "books"},
	boardSupport:       {"shipping", "refund", "account", "發票", "物流"},
}

var zhComments = []zh{
	{"同感！", ""}, {"谢谢分享，很实用。", "謝謝分享，很實用。"}, {"请问是在哪个渠道买的？", "請問是在哪個渠道買的？"},
	{"我也遇到过一样的情况。", "我也遇到過一樣的情況。"}, {"支持一下 👍", ""}, {"收藏了，回头试试。", "收藏了，回頭試試。"},
	{"客服后来怎么处理的？", "客服後來怎麼處理的？"}, {"楼主说得很详细。", "樓主說得很詳細。"},
	{"这个价格算很划算了。", "這個價格算很划算了。"}, {"期待后续更新！", "期待後續更新！"},
	{"我上个月也买了，确实不错。", "我上個月也買了，確實不錯。"}, {"建议直接打客服电话，比较快。", "建議直接打客服電話，比較快。"},
}

var enComments = []string{
	"Same here!", "Thanks for sharing, really helpful.", "Where did you buy it?",
	"I had the same problem and support fixed it within a day.", "Great write-up.", "Bookmarked, will try this.",
	"Did they refund the shipping too?", "Agree with all of this.", "That's a good price.",
	"Looking forward to the follow-up!", "Bought one last month, very happy with it.", "Calling support is usually faster.",
}

var zhReplies = []zh{
	{"对，我也是这么觉得。", "對，我也是這麼覺得。"}, {"谢谢回复！", "謝謝回覆！"}, {"官网和门店都有。", "官網和門市都有。"},
	{"后来换了一件新的。", "後來換了一件新的。"}, {"有道理，我试试看。", "有道理，我試試看。"},
}

var enReplies = []string{"Yes, exactly.", "Thanks for the reply!", "Both the web shop and the store have it.", "They sent a replacement in the end.", "Good point, I'll try that."}

var zhBios = []zh{
	{"爱喝茶的上班族。", "愛喝茶的上班族。"}, {"周末摄影爱好者。", "週末攝影愛好者。"},
	{"喜欢烘焙，周末常去爬山。", "喜歡烘焙，週末常去爬山。"}, {"数码产品重度用户。", "數碼產品重度用戶。"},
}

var enBios = []string{"Tea lover and weekend hiker.", "Amateur photographer.", "Keen baker and hill walker.", "Gadget enthusiast."}

var zhCareNotes = map[string][]zh{
	"CALL": {
		{"电话回访，客户对上次交付满意，提到下季度可能追加订单。", "電話回訪，客戶對上次交付滿意，提到下季度可能追加訂單。"},
		{"电话确认新报价，客户希望再降 3%。", "電話確認新報價，客戶希望再降 3%。"},
	},
	"VISIT": {
		{"上门拜访，介绍新品茶叶系列，客户索取样品。", "上門拜訪，介紹新品茶葉系列，客戶索取樣品。"},
		{"拜访门店，了解陈列和库存情况。", "拜訪門店，了解陳列和庫存情況。"},
	},
	"MAIL": {
		{"邮件跟进报价，等待对方采购部确认。", "郵件跟進報價，等待對方採購部確認。"},
		{"发送节日问候和会员活动介绍。", "發送節日問候和會員活動介紹。"},
	},
	"MEETING": {
		{"季度业务会议，讨论年度框架协议续签。", "季度業務會議，討論年度框架協議續簽。"},
		{"客户反馈物流偏慢，已协调仓库优先发货。", "客戶反饋物流偏慢，已協調倉庫優先發貨。"},
	},
}

var enCareNotes = map[string][]string{
	"CALL": {
		"Called to check in after the last delivery; happy, may reorder next quarter.",
		"Confirmed the new quote by phone; they are asking for another 3% off.",
	},
	"VISIT": {
		"Site visit: presented the new tea range, they asked for samples.",
		"Visited the store to review displays and stock levels.",
	},
	"MAIL": {
		"Emailed the revised quote; waiting for their purchasing team.",
		"Sent seasonal greetings and details of the member events.",
	},
	"MEETING": {
		"Quarterly review: discussed renewing the annual agreement.",
		"They raised slow shipping; asked the warehouse to prioritise their orders.",
	},
}

var zhTickets = []struct{ title, body zh }{
	{zh{"订单延迟发货", "訂單延遲發貨"}, zh{"下单一周仍未发货，请尽快处理。", "下單一週仍未發貨，請盡快處理。"}},
	{zh{"申请退款", "申請退款"}, zh{"商品与描述不符，申请全额退款。", "商品與描述不符，申請全額退款。"}},
	{zh{"收到商品破损", "收到商品破損"}, zh{"外箱压坏，两件商品有裂痕，附照片。", "外箱壓壞，兩件商品有裂痕，附照片。"}},
	{zh{"发票信息错误", "發票資訊錯誤"}, zh{"发票抬头和税号填错，需要重开。", "發票抬頭和稅號填錯，需要重開。"}},
	{zh{"会员积分未到账", "會員積分未到賬"}, zh{"上月订单的积分一直没有到账。", "上月訂單的積分一直沒有到賬。"}},
}

var enTickets = []struct{ title, body string }{
	{"Order not shipped", "Ordered over a week ago and it still hasn't shipped. Please chase."},
	{"Refund request", "The item doesn't match the description; requesting a full refund."},
	{"Damaged on arrival", "Outer box was crushed and two items are cracked; photos attached."},
	{"Wrong details on invoice", "The invoice shows the wrong company name and VAT number."},
	{"Loyalty points missing", "Points for last month's order never appeared on my account."},
}
