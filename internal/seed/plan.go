package seed

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
)

// The whole data set is planned in memory before anything is written: every
// random draw happens here, in a fixed order, and rows refer to each other by
// index. That keeps the output a pure function of the seed, independent of the
// database and of the ids it hands out.

// script is the writing system of a customer's name and free text.
type script int

const (
	simplified script = iota
	traditional
	latin
)

// cnyPerUnit converts one unit of a currency into yuan; it only shapes order
// sizes so a London customer spends about what a Shanghai one does.
var cnyPerUnit = map[string]float64{"CNY": 1, "USD": 7.2, "GBP": 9.2}

type customerPlan struct {
	org      bool
	name     string
	script   script
	region   string
	currency string

	email, phone, address, industry, occupation string
	interests, tags                             []string

	legalRep, companySize, serviceArea, salesCapacity, growthPotential string
	businessStatus, paymentBehaviour, openIssues, creditRating         string
	foundedOn                                                          *time.Time
	risk                                                               string

	createdAt, updatedAt time.Time

	// Revenue drivers, drawn once per customer from heavy-tailed
	// distributions: how often they order and how much per order.
	activity, basket float64
	favourite        int  // index into categories: what they mostly buy
	bz               bool // costs more to serve than it brings in
	revenueCNY       float64

	owner  int // index into the managers; -1 for the pool
	member int // index into plan.members; -1 when not a community member

	// handleBase is the ASCII form of the name a member handle is made from.
	handleBase string

	// custom holds the values of the demo custom fields (customfields.go).
	custom map[string]any
}

type orderPlan struct {
	customer       int
	amount, cost   int64
	currency       string
	channel        string
	category       string
	orderedAt      time.Time
	externalSerial int
}

type teamPlan struct {
	customer, manager int
	role              string
}

type carePlan struct {
	customer, author int // author indexes managers
	kind             string
	notes            string
	occurredAt       time.Time
	followUpAt       *time.Time
	followedUpAt     *time.Time
}

type ticketPlan struct {
	customer         int
	title, body      string
	status, priority string
	assignee         int // index into managers; -1 for none
	createdAt        time.Time
	updatedAt        time.Time
	firstResponseAt  *time.Time
	resolvedAt       *time.Time
}

type memberPlan struct {
	customer    int
	handle      string
	displayName string
	bio         string
	locale      string
	joinedAt    time.Time
	// activity weighs how much a member posts and comments; popularity how
	// likely others are to follow and react to them. A few members do most
	// of both, as in any community.
	activity, popularity float64
}

type postPlan struct {
	board, author        int
	title, body          string
	tags                 []string
	createdAt            time.Time
	pinned, locked, hide bool
}

type commentPlan struct {
	post, parent, author int // parent is -1 for a top-level comment
	depth                int
	body                 string
	createdAt            time.Time
	hide                 bool
}

// reactionPlan reacts to a post (comment == -1) or a comment.
type reactionPlan struct {
	post, comment, member int
	kind                  string
	createdAt             time.Time
}

type followPlan struct {
	follower, followee int
	createdAt          time.Time
}

type plan struct {
	now       time.Time
	customers []customerPlan
	orders    []orderPlan
	teams     []teamPlan
	care      []carePlan
	tickets   []ticketPlan
	members   []memberPlan
	posts     []postPlan
	comments  []commentPlan
	reactions []reactionPlan
	follows   []followPlan
}

// staffSpec is one demo staff account.
type staffSpec struct {
	email, role, locale string
}

// staffSpecs are the demo staff: the first is the admin, the managers come last
// and are referred to by their index among managers.
var staffSpecs = []staffSpec{
	{"admin@kith.example", "ADMIN", "en"},
	{"chen.jing@kith.example", "MARKETER", "zh-TW"},
	{"sophie.turner@kith.example", "MARKETER", "en"},
	{"zhou.min@kith.example", "MANAGER", "zh-CN"},
	{"liu.yang@kith.example", "MANAGER", "zh-CN"},
	{"james.carter@kith.example", "MANAGER", "en"},
}

func managerCount() int {
	n := 0
	for _, s := range staffSpecs {
		if s.role == "MANAGER" {
			n++
		}
	}
	return n
}

// gen wraps the random source with the draws the plan needs.
type gen struct{ r *rand.Rand }

func (g gen) intn(n int) int               { return g.r.IntN(n) }
func (g gen) chance(p float64) bool        { return g.r.Float64() < p }
func (g gen) between(a, b float64) float64 { return a + (b-a)*g.r.Float64() }

// lognormal draws exp(N(0, sigma)): most values near 1, a long tail above.
func (g gen) lognormal(sigma float64) float64 { return math.Exp(sigma * g.r.NormFloat64()) }

// timeIn returns a time uniformly in [a, b), to the second.
func (g gen) timeIn(a, b time.Time) time.Time {
	d := b.Sub(a)
	if d <= time.Second {
		return a
	}
	return a.Add(time.Duration(g.r.Int64N(int64(d/time.Second))) * time.Second)
}

func pick[T any](g gen, xs []T) T { return xs[g.intn(len(xs))] }

// zipf picks an index of a list ordered by frequency, favouring the front.
func (g gen) zipf(n int) int {
	// Inverse of a power law over ranks: rank^-1 weights, roughly.
	i := int(math.Floor(math.Pow(float64(n+1), g.r.Float64()))) - 1
	return min(max(i, 0), n-1)
}

// weighted draws indexes in proportion to their weights.
type weighted struct{ cum []float64 }

func newWeighted(ws []float64) weighted {
	cum := make([]float64, len(ws))
	t := 0.0
	for i, w := range ws {
		t += w
		cum[i] = t
	}
	return weighted{cum}
}

func (w weighted) draw(g gen) int {
	x := g.r.Float64() * w.cum[len(w.cum)-1]
	// The first cumulative weight above x: an index of weight zero is never drawn.
	i := sort.Search(len(w.cum), func(i int) bool { return w.cum[i] > x })
	return min(i, len(w.cum)-1)
}

func newPlan(opts Options) *plan {
	g := gen{opts.Rand}
	p := &plan{now: opts.Now}
	p.planCustomers(g, opts.Customers)
	p.planOrders(g)
	p.planAccounts(g)
	p.planMembers(g)
	p.planCommunity(g)
	p.planCustomFields(g)
	return p
}

// uniq hands out strings not seen before by appending 2, 3, … to a base.
type uniq map[string]bool

func (u uniq) take(base string, maxLen int) string {
	for n := 1; ; n++ {
		s := base
		if n > 1 {
			suffix := fmt.Sprint(n)
			s = base[:min(len(base), maxLen-len(suffix))] + suffix
		} else if len(s) > maxLen {
			s = s[:maxLen]
		}
		if !u[s] {
			u[s] = true
			return s
		}
	}
}

// email returns local@domain, or local2@domain, local3@domain… when taken.
func (u uniq) email(local, domain string) string {
	for n := 1; ; n++ {
		s := local
		if n > 1 {
			s += fmt.Sprint(n)
		}
		s += "@" + domain
		if !u[s] {
			u[s] = true
			return s
		}
	}
}

// asciiLower keeps letters, digits and dots of s, lower-cased; it turns
// "O'Brien" into "obrien" for handles and e-mail addresses.
func asciiLower(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var emailDomains = []string{"example.com", "example.net", "example.org"}

func (p *plan) planCustomers(g gen, n int) {
	rw := make([]float64, len(regions))
	for i, r := range regions {
		rw[i] = r.weight
	}
	regionDraw := newWeighted(rw)
	emails := uniq{}
	orgNames := map[string]bool{}
	from := p.now.AddDate(-2, 0, 0)
	to := p.now.AddDate(0, -1, 0)

	for range n {
		reg := regions[regionDraw.draw(g)]
		c := customerPlan{region: reg.name, currency: reg.currency, owner: -1, member: -1, favourite: g.intn(len(categories))}
		c.org = g.chance(0.2)
		city := pick(g, reg.cities)
		var local, domain string
		switch {
		case c.org:
			local, domain = g.nameOrg(&c, reg, city, orgNames)
			g.describeOrg(&c, reg)
		default:
			local = g.namePerson(&c, reg)
			domain = pick(g, emailDomains)
			if c.script == latin || !reg.chinese {
				c.occupation = pick(g, enOccupations)
			} else {
				c.occupation = pick(g, zhOccupations).in(c.script)
			}
			if g.chance(0.6) {
				for _, j := range g.r.Perm(len(enInterests))[:1+g.intn(3)] {
					if c.script == latin {
						c.interests = append(c.interests, enInterests[j])
					} else {
						c.interests = append(c.interests, zhInterests[j].in(c.script))
					}
				}
			}
		}
		if c.industry == "" {
			c.industry = pick(g, industries)
		}
		c.email = emails.email(local, domain)
		c.phone = g.phone(reg.name)
		c.address = g.address(reg, city, c.script)
		for _, j := range g.r.Perm(len(customerTags))[:g.intn(3)] {
			c.tags = append(c.tags, customerTags[j])
		}
		switch x := g.r.Float64(); {
		case x < 0.04:
			c.risk = "WATCH"
		case x < 0.055:
			c.risk = "DOUBTFUL"
		default:
			c.risk = "NORMAL"
		}

		// Revenue drivers. Their product is lognormal with sigma ≈ 1.5, and
		// organisations buy more often and in bigger baskets, so the top
		// fifth of customers brings about four fifths of the revenue.
		c.activity = g.lognormal(1.1)
		c.basket = g.lognormal(1.0)
		if c.org {
			c.activity *= 1.5
			c.basket *= 3
		}
		if g.chance(0.08) {
			c.activity = 0 // a prospect who has not bought yet
		}
		c.createdAt = g.timeIn(from, to)
		p.customers = append(p.customers, c)
	}
}

// namePerson names a person customer and picks their script, handle base and
// e-mail local part.
func (g gen) namePerson(c *customerPlan, reg region) (emailLocal string) {
	if !reg.chinese {
		// Overseas Chinese: a Chinese name in London, New York or Singapore.
		share := 0.2
		if reg.name == "Singapore" {
			share = 0.45
		}
		if !g.chance(share) {
			first, last := pick(g, firstNames), pick(g, lastNames)
			c.script, c.name = latin, first+" "+last
			c.handleBase = asciiLower(first + "." + last)
			return pick(g, []string{c.handleBase, asciiLower(first[:1] + last), asciiLower(first + last + fmt.Sprint(g.intn(90)+10))})
		}
		c.script = traditional
		if g.chance(0.5) {
			// An English given name before the family name, as many in
			// Singapore and Hong Kong write it: "Liam Chen".
			s := surnames[g.zipf(len(surnames))].py
			c.name = pick(g, firstNames) + " " + strings.ToUpper(s[:1]) + s[1:]
			c.handleBase = asciiLower(strings.ReplaceAll(c.name, " ", "."))
			return c.handleBase
		}
	} else {
		c.script = reg.script
		if g.chance(0.25) {
			// People who write the other script: Hong Kong and Taiwan
			// natives living on the mainland, and the reverse.
			c.script = 1 - c.script
		}
	}
	s, given := surnames[g.zipf(len(surnames))], pick(g, givenNames)
	c.name = s.in(c.script) + given.in(c.script)
	c.handleBase = s.py + given.py
	return pick(g, []string{s.py + "." + given.py, given.py + "." + s.py, s.py + given.py + fmt.Sprint(g.intn(90)+10)})
}

// nameOrg names an organisation, unique where the word lists allow, and
// returns its e-mail address parts.
func (g gen) nameOrg(c *customerPlan, reg region, city zh, taken map[string]bool) (local, domain string) {
	c.script = reg.script
	var trade orgTrade
	for tries := 0; tries == 0 || (taken[c.name] && tries < 20); tries++ {
		trade = pick(g, orgTrades)
		if reg.chinese {
			brand := pick(g, zhOrgBrands)
			c.name = strings.TrimSuffix(city.in(c.script), "市") + brand.in(c.script) + trade.zh.in(c.script) + "有限公司"
			domain = brand.ascii + "-" + trade.ascii + ".example.com"
		} else {
			base := pick(g, enOrgNames)
			c.name = base + " " + trade.en + " " + orgSuffixes[reg.name]
			domain = strings.ReplaceAll(strings.ToLower(base), " ", "") + "-" + trade.ascii + ".example.com"
		}
	}
	taken[c.name] = true
	c.industry, c.favourite = trade.industry, trade.category
	if reg.chinese {
		c.legalRep = g.zhPersonName(simplified)
		return pick(g, []string{"info", "sales", "contact", "purchasing"}), domain
	}
	c.legalRep = pick(g, firstNames) + " " + pick(g, lastNames)
	return pick(g, []string{"info", "orders", "hello", "accounts"}), domain
}

var orgSuffixes = map[string]string{"London": "Ltd", "Manchester": "Ltd", "New York": "Inc.", "San Francisco": "LLC", "Singapore": "Pte Ltd"}

// describeOrg fills in an organisation's characteristics and business status.
func (g gen) describeOrg(c *customerPlan, reg region) {
	c.companySize = pick(g, companySizes)
	founded := time.Date(1988+g.intn(34), time.Month(1+g.intn(12)), 1+g.intn(28), 0, 0, 0, 0, time.UTC)
	c.foundedOn = &founded
	c.creditRating = pick(g, creditRatings)
	if c.script == latin {
		c.serviceArea = pick(g, append([]string{"Worldwide"}, enServiceAreas[reg.name]...))
		c.businessStatus = pick(g, enBusinessStatus)
		c.paymentBehaviour = pick(g, enPayment)
		c.salesCapacity = pick(g, []string{"Small", "Medium", "Large"})
		c.growthPotential = pick(g, []string{"Low", "Medium", "High"})
		if g.chance(0.15) {
			c.openIssues = pick(g, enOpenIssues)
		}
		return
	}
	sc := c.script
	c.serviceArea = pick(g, append([]zh{{"全国", "全國"}}, zhServiceAreas[reg.name]...)).in(sc)
	c.businessStatus = pick(g, zhBusinessStatus).in(sc)
	c.paymentBehaviour = pick(g, zhPayment).in(sc)
	c.salesCapacity = pick(g, []zh{{"小", ""}, {"中", ""}, {"大", ""}}).in(sc)
	c.growthPotential = pick(g, []zh{{"低", ""}, {"中", ""}, {"高", ""}}).in(sc)
	if g.chance(0.15) {
		c.openIssues = pick(g, zhOpenIssues).in(sc)
	}
}

// zhPersonName returns a Chinese full name in the given script.
func (g gen) zhPersonName(sc script) string {
	return surnames[g.zipf(len(surnames))].in(sc) + pick(g, givenNames).in(sc)
}

// phone returns a plausible number; the UK and US ones are in the ranges
// reserved for drama, so no real line is ever called.
func (g gen) phone(region string) string {
	switch region {
	case "London":
		return fmt.Sprintf("+44 20 7946 0%03d", g.intn(1000))
	case "Manchester":
		return fmt.Sprintf("+44 161 496 0%03d", g.intn(1000))
	case "New York":
		return fmt.Sprintf("+1 212 555 01%02d", g.intn(100))
	case "San Francisco":
		return fmt.Sprintf("+1 415 555 01%02d", g.intn(100))
	case "Singapore":
		return fmt.Sprintf("+65 6%03d %04d", g.intn(1000), g.intn(10000))
	}
	prefix := pick(g, []string{"138", "139", "135", "186", "187", "150", "177"})
	return fmt.Sprintf("+86 %s %04d %04d", prefix, g.intn(10000), g.intn(10000))
}

func (g gen) address(reg region, city zh, sc script) string {
	if reg.chinese {
		return fmt.Sprintf("%s%s%d%s", city.in(sc), pick(g, zhStreets).in(sc), 1+g.intn(899), zh{"号", "號"}.in(sc))
	}
	return fmt.Sprintf("%d %s, %s", 1+g.intn(240), pick(g, enStreets), city.s)
}

func (p *plan) planOrders(g gen) {
	start := p.now.AddDate(-2, 0, 0)
	cw := []float64{50, 25, 15, 10}
	channelDraw := newWeighted(cw)
	orgChannelDraw := newWeighted([]float64{20, 10, 40, 30})

	// A few customers cost more to serve than they bring in (many returns,
	// heavy support): small, frequent orders with a large cost to serve.
	nBZ := max(1, len(p.customers)/50)
	for _, i := range g.r.Perm(len(p.customers)) {
		if nBZ == 0 {
			break
		}
		if c := &p.customers[i]; c.activity > 0 && !c.org {
			c.bz = true
			c.activity = g.between(1.5, 3)
			c.basket = g.between(0.3, 0.6)
			nBZ--
		}
	}

	for i := range p.customers {
		c := &p.customers[i]
		n := int(c.activity*3.5 + g.r.Float64())
		n = min(n, 150)
		if c.bz {
			n = max(n, 4)
		}
		if n == 0 {
			continue
		}
		// The window the customer was active in: some started recently and
		// some stopped buying a while ago, which recency scores should see.
		first := g.timeIn(start, p.now.Add(-14*24*time.Hour))
		last := p.now
		if g.chance(0.15) {
			last = first.Add(time.Duration(g.between(0.2, 0.7) * float64(p.now.Sub(first))))
		}
		if c.createdAt.After(first) {
			c.createdAt = first.Add(-time.Duration(g.intn(30*24)) * time.Hour)
		}
		rate := cnyPerUnit[c.currency]
		for range n {
			yuan := 260 * c.basket * g.lognormal(0.4)
			units := max(1, math.Round(yuan/rate))
			amount := int64(units) * 100
			if g.chance(0.3) {
				amount -= 1 // prices like 99.99 as well as round ones
			}
			costShare := g.between(0.03, 0.15)
			if c.bz {
				costShare = g.between(1.2, 2.2)
			}
			cat := c.favourite
			if g.chance(0.35) {
				cat = g.intn(len(categories))
			}
			ch := channelDraw
			if c.org {
				ch = orgChannelDraw
			}
			o := orderPlan{
				customer:  i,
				amount:    amount,
				cost:      int64(math.Round(float64(amount) * costShare)),
				currency:  c.currency,
				channel:   channels[ch.draw(g)],
				category:  categories[cat],
				orderedAt: g.timeIn(first, last),
			}
			c.revenueCNY += float64(amount) * rate
			p.orders = append(p.orders, o)
		}
	}
	// External ids follow time, as an export from a shop would.
	slices.SortStableFunc(p.orders, func(a, b orderPlan) int { return a.orderedAt.Compare(b.orderedAt) })
	for i := range p.orders {
		p.orders[i].externalSerial = i + 1
	}
	for i := range p.customers {
		c := &p.customers[i]
		c.updatedAt = g.timeIn(c.createdAt, p.now)
	}
}

// byRevenue returns customer indexes, highest revenue first.
func (p *plan) byRevenue() []int {
	idx := make([]int, len(p.customers))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		return -cmpFloat(p.customers[a].revenueCNY, p.customers[b].revenueCNY)
	})
	return idx
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// planAccounts gives managers their accounts, teams, care records and tickets.
func (p *plan) planAccounts(g gen) {
	nm := managerCount()
	ranked := p.byRevenue()
	// Managers own most of the big accounts and a few small ones; the rest
	// stay in the pool for whoever picks them up.
	for rank, i := range ranked {
		c := &p.customers[i]
		share := 0.15
		if rank < len(ranked)/4 {
			share = 0.7
		}
		if c.org {
			share += 0.15
		}
		if g.chance(share) {
			c.owner = g.intn(nm)
		}
	}
	// Key accounts (大客戶) are served by a team: the owner leads, the other
	// managers help as specialist or assistant.
	keys := max(1, len(p.customers)/40)
	for _, i := range ranked {
		if keys == 0 {
			break
		}
		c := &p.customers[i]
		if !c.org || c.revenueCNY == 0 {
			continue
		}
		if c.owner < 0 {
			c.owner = g.intn(nm)
		}
		p.teams = append(p.teams, teamPlan{customer: i, manager: c.owner, role: "MANAGER"})
		others := g.r.Perm(nm)
		roles := []string{"SPECIALIST", "ASSISTANT"}[:1+g.intn(2)]
		for _, m := range others {
			if len(roles) == 0 {
				break
			}
			if m != c.owner {
				p.teams = append(p.teams, teamPlan{customer: i, manager: m, role: roles[0]})
				roles = roles[1:]
			}
		}
		keys--
	}

	yearAgo := p.now.AddDate(-1, 0, 0)
	kinds := []string{"VISIT", "CALL", "MAIL", "MEETING"}
	for i := range p.customers {
		c := &p.customers[i]
		if c.owner < 0 || !g.chance(0.5) {
			continue
		}
		for range 1 + g.intn(3) {
			kind := pick(g, kinds)
			var notes string
			if c.script == latin {
				notes = pick(g, enCareNotes[kind])
			} else {
				notes = pick(g, zhCareNotes[kind]).in(c.script)
			}
			from := c.createdAt
			if from.Before(yearAgo) {
				from = yearAgo
			}
			cr := carePlan{customer: i, author: c.owner, kind: kind, notes: notes, occurredAt: g.timeIn(from, p.now)}
			if g.chance(0.35) {
				f := cr.occurredAt.Add(time.Duration(3+g.intn(19)) * 24 * time.Hour)
				cr.followUpAt = &f
				// Most past follow-ups were done; the rest are overdue,
				// which is what the follow-up reminders are for.
				if f.Before(p.now) && g.chance(0.7) {
					done := g.timeIn(f, p.now)
					cr.followedUpAt = &done
				}
			}
			p.care = append(p.care, cr)
		}
	}
	slices.SortStableFunc(p.care, func(a, b carePlan) int { return a.occurredAt.Compare(b.occurredAt) })

	// Tickets: customers who cost a lot to serve complain a lot.
	var buyers []int
	for i, c := range p.customers {
		if c.revenueCNY > 0 {
			buyers = append(buyers, i)
		}
	}
	var ticketFor []int
	for i, c := range p.customers {
		if c.bz {
			for range 2 + g.intn(2) {
				ticketFor = append(ticketFor, i)
			}
		}
	}
	for len(ticketFor) < len(p.customers)/10 && len(buyers) > 0 {
		ticketFor = append(ticketFor, pick(g, buyers))
	}
	statuses := []string{"OPEN", "IN_PROGRESS", "RESOLVED", "CLOSED"}
	statusDraw := newWeighted([]float64{20, 20, 35, 25})
	priorities := []string{"LOW", "NORMAL", "HIGH", "URGENT"}
	priorityDraw := newWeighted([]float64{20, 50, 22, 8})
	halfYear := p.now.AddDate(0, -6, 0)
	for _, i := range ticketFor {
		c := p.customers[i]
		t := ticketPlan{
			customer: i,
			status:   statuses[statusDraw.draw(g)],
			priority: priorities[priorityDraw.draw(g)],
			assignee: -1,
		}
		if c.script == latin {
			x := pick(g, enTickets)
			t.title, t.body = x.title, x.body
		} else {
			x := pick(g, zhTickets)
			t.title, t.body = x.title.in(c.script), x.body.in(c.script)
		}
		from := c.createdAt
		if from.Before(halfYear) {
			from = halfYear
		}
		t.createdAt = g.timeIn(from, p.now.Add(-time.Hour))
		t.updatedAt = t.createdAt
		if t.status != "OPEN" || g.chance(0.5) {
			t.assignee = c.owner
			if t.assignee < 0 {
				t.assignee = g.intn(nm)
			}
		}
		if t.status != "OPEN" {
			r := minTime(t.createdAt.Add(time.Duration(10+g.intn(48*60))*time.Minute), p.now)
			t.firstResponseAt = &r
			t.updatedAt = r
			if t.status == "RESOLVED" || t.status == "CLOSED" {
				done := minTime(r.Add(time.Duration(1+g.intn(120))*time.Hour), p.now)
				t.resolvedAt = &done
				t.updatedAt = done
			}
		}
		p.tickets = append(p.tickets, t)
	}
	slices.SortStableFunc(p.tickets, func(a, b ticketPlan) int { return a.createdAt.Compare(b.createdAt) })
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
