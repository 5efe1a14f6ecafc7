package customer

import (
	"context"
	"time"

	"github.com/kith-crm/kith/ent/order"
	"github.com/kith-crm/kith/internal/batch"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/settings"
)

// PeriodUnit is how a contribution report is split.
type PeriodUnit string

const (
	Month   PeriodUnit = "MONTH"
	Quarter PeriodUnit = "QUARTER"
	Year    PeriodUnit = "YEAR"
)

// Contribution (客戶貢獻度) is what a customer brought in one period, in
// minor units of the reporting currency: revenue − cost to serve, with
// cancellations netted out.
type Contribution struct {
	Start        time.Time `json:"start"`
	End          time.Time `json:"end"`
	Revenue      int64     `json:"revenue"`
	CostToServe  int64     `json:"costToServe"`
	Contribution int64     `json:"contribution"`
	// Orders counts sales less cancellations.
	Orders int `json:"orders"`
}

// ContributionReport is a customer's contribution over [From, To), total and
// per period, in Currency (the reporting currency).
type ContributionReport struct {
	Currency string
	Total    Contribution
	Periods  []Contribution
}

// maxPeriods bounds a report (ten years of months).
const maxPeriods = 120

type contributionKey struct {
	customer int
	from, to time.Time
	unit     PeriodUnit
}

// Contributions returns customer id's contribution report. Periods start at
// calendar boundaries in the settings' time zone; the first and last are cut
// to [from, to). Orders are read through the viewer's privacy rules, and the
// reports of a page of customers asked for together cost one query.
func (s *Service) Contributions(ctx context.Context, id int, from, to time.Time, unit PeriodUnit) (*ContributionReport, error) {
	switch unit {
	case Month, Quarter, Year:
	default:
		return nil, errs.Field("period", "period must be MONTH, QUARTER or YEAR")
	}
	if !to.After(from) {
		return nil, errs.Field("to", "to must be after from")
	}
	st, err := s.settings().Get(ctx)
	if err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation(st.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	bounds := periodBounds(from, to, unit, loc)
	if len(bounds)-1 > maxPeriods {
		return nil, errs.Field("from", "a report holds at most %d periods", maxPeriods)
	}
	key := contributionKey{customer: id, from: from.UTC(), to: to.UTC(), unit: unit}
	rows, err := s.loader().Load(ctx, key)
	if err != nil {
		return nil, err
	}
	rep := &ContributionReport{Currency: st.ReportingCurrency, Total: Contribution{Start: from, End: to}}
	for i := 0; i+1 < len(bounds); i++ {
		rep.Periods = append(rep.Periods, Contribution{Start: bounds[i], End: bounds[i+1]})
	}
	for _, r := range rows {
		// bounds is sorted; orders are few per customer and period.
		for i := range rep.Periods {
			p := &rep.Periods[i]
			if !r.OrderedAt.Before(p.Start) && r.OrderedAt.Before(p.End) {
				p.add(r)
				break
			}
		}
		rep.Total.add(r)
	}
	return rep, nil
}

func (c *Contribution) add(r orderRow) {
	c.Revenue += r.ReportingAmount
	c.CostToServe += r.ReportingCost
	c.Contribution += r.ReportingAmount - r.ReportingCost
	if r.Kind == order.KindCANCELLATION {
		c.Orders--
	} else {
		c.Orders++
	}
}

// periodBounds returns from, the calendar boundaries of unit after it in
// loc, and to.
func periodBounds(from, to time.Time, unit PeriodUnit, loc *time.Location) []time.Time {
	out := []time.Time{from}
	l := from.In(loc)
	var next time.Time
	switch unit {
	case Month:
		next = time.Date(l.Year(), l.Month(), 1, 0, 0, 0, 0, loc).AddDate(0, 1, 0)
	case Quarter:
		next = time.Date(l.Year(), l.Month()-(l.Month()-1)%3, 1, 0, 0, 0, 0, loc).AddDate(0, 3, 0)
	case Year:
		next = time.Date(l.Year(), 1, 1, 0, 0, 0, 0, loc).AddDate(1, 0, 0)
	}
	for next.Before(to) && len(out) <= maxPeriods+1 {
		out = append(out, next)
		switch unit {
		case Month:
			next = next.AddDate(0, 1, 0)
		case Quarter:
			next = next.AddDate(0, 3, 0)
		case Year:
			next = next.AddDate(1, 0, 0)
		}
	}
	return append(out, to)
}

type orderRow struct {
	CustomerID      int        `json:"customer_id"`
	OrderedAt       time.Time  `json:"ordered_at"`
	ReportingAmount int64      `json:"reporting_amount"`
	ReportingCost   int64      `json:"reporting_cost"`
	Kind            order.Kind `json:"kind"`
}

func (s *Service) settings() *settings.Store {
	if s.Settings != nil {
		return s.Settings
	}
	return &settings.Store{Client: s.Client}
}

func (s *Service) loader() *batch.Loader[contributionKey, []orderRow] {
	s.once.Do(func() {
		s.contributions = &batch.Loader[contributionKey, []orderRow]{
			Wait: 3 * time.Millisecond, MaxWait: 30 * time.Millisecond, Max: 500,
			Fetch: s.fetchContributions,
		}
	})
	return s.contributions
}

// fetchContributions reads the orders of every customer in keys, one query
// per distinct window (a page asks for one).
func (s *Service) fetchContributions(ctx context.Context, keys []contributionKey) (map[contributionKey][]orderRow, error) {
	type window struct {
		from, to time.Time
	}
	byWindow := map[window][]int{}
	for _, k := range keys {
		w := window{k.from, k.to}
		byWindow[w] = append(byWindow[w], k.customer)
	}
	out := map[contributionKey][]orderRow{}
	for w, ids := range byWindow {
		var rows []orderRow
		err := s.Client.Order.Query().
			Where(order.CustomerIDIn(ids...), order.OrderedAtGTE(w.from), order.OrderedAtLT(w.to)).
			Select(order.FieldCustomerID, order.FieldOrderedAt, order.FieldReportingAmount, order.FieldReportingCost, order.FieldKind).
			Scan(ctx, &rows)
		if err != nil {
			return nil, err
		}
		byCustomer := map[int][]orderRow{}
		for _, r := range rows {
			byCustomer[r.CustomerID] = append(byCustomer[r.CustomerID], r)
		}
		for _, k := range keys {
			if k.from == w.from && k.to == w.to {
				out[k] = byCustomer[k.customer]
			}
		}
	}
	return out, nil
}
