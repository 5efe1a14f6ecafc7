package settings

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/setting"
	"github.com/kith-crm/kith/ent/ticket"
	"github.com/kith-crm/kith/internal/audit"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// accountsKey holds the key-account rules (SLA, risk, pool) as one JSON
// value: they are read together by the account jobs and edited together.
const accountsKey = "accounts"

// Accounts are the rules of key-account care: ticket SLA per priority, the
// risk rules, and the days of inactivity after which an account returns to
// the shared pool (公海).
type Accounts struct {
	SLA  []SLATarget `json:"sla"`
	Risk RiskRules   `json:"risk"`
	Pool []PoolDays  `json:"pool"`
}

// SLATarget is how long staff have to first respond to and to resolve a
// ticket of one priority, in minutes.
type SLATarget struct {
	Priority             ticket.Priority `json:"priority"`
	FirstResponseMinutes int             `json:"first_response_minutes"`
	ResolutionMinutes    int             `json:"resolution_minutes"`
}

// RiskRules raise an account's risk level. A rule with 0 days or count is off.
type RiskRules struct {
	// Contribution (revenue − cost to serve) of the last ContributionDays
	// days fell by more than ContributionDropPercent against the
	// ContributionDays before.
	ContributionDays        int                `json:"contribution_days"`
	ContributionDropPercent int                `json:"contribution_drop_percent"`
	ContributionLevel       customer.RiskLevel `json:"contribution_level"`
	// More than OpenTicketsMax tickets are open (OPEN or IN_PROGRESS).
	OpenTicketsMax   int                `json:"open_tickets_max"`
	OpenTicketsLevel customer.RiskLevel `json:"open_tickets_level"`
	// Any URGENT ticket is open.
	UrgentOpenLevel customer.RiskLevel `json:"urgent_open_level"`
	// No order, care record or ticket activity for NoContactDays days.
	NoContactDays  int                `json:"no_contact_days"`
	NoContactLevel customer.RiskLevel `json:"no_contact_level"`
	// An invoice is unpaid more than OverdueDays days past its due date.
	OverdueDays  int                `json:"overdue_days"`
	OverdueLevel customer.RiskLevel `json:"overdue_level"`
}

// PoolDays says after how many days without an order, care record or ticket
// activity an owned account of a value tier returns to the pool; 0 never.
type PoolDays struct {
	Tier customer.ValueTier `json:"tier"`
	Days int                `json:"days"`
}

// DefaultAccounts are used until an admin sets the rules.
var DefaultAccounts = Accounts{
	SLA: []SLATarget{
		{ticket.PriorityURGENT, 60, 8 * 60},
		{ticket.PriorityHIGH, 4 * 60, 24 * 60},
		{ticket.PriorityNORMAL, 8 * 60, 3 * 24 * 60},
		{ticket.PriorityLOW, 24 * 60, 7 * 24 * 60},
	},
	Risk: RiskRules{
		ContributionDays: 90, ContributionDropPercent: 30, ContributionLevel: customer.RiskLevelWATCH,
		OpenTicketsMax: 3, OpenTicketsLevel: customer.RiskLevelWATCH,
		UrgentOpenLevel: customer.RiskLevelDOUBTFUL,
		NoContactDays:   180, NoContactLevel: customer.RiskLevelWATCH,
		OverdueDays: 30, OverdueLevel: customer.RiskLevelDOUBTFUL,
	},
	Pool: []PoolDays{
		{customer.ValueTierMVC, 0}, {customer.ValueTierMGC, 90},
		{customer.ValueTierBZ, 60}, {customer.ValueTierORDINARY, 30},
	},
}

// SLAFor returns the target of priority p (zero when none is set).
func (a Accounts) SLAFor(p ticket.Priority) SLATarget {
	for _, t := range a.SLA {
		if t.Priority == p {
			return t
		}
	}
	return SLATarget{Priority: p}
}

// GetAccounts returns the key-account rules; any part of Kith may read them.
func (s *Store) GetAccounts(ctx context.Context) (Accounts, error) {
	row, err := s.Client.Setting.Query().Where(setting.Key(accountsKey)).Only(system(ctx))
	if err != nil {
		if isNotFound(err) {
			return DefaultAccounts, nil
		}
		return Accounts{}, err
	}
	// Rules stored before a rule existed keep that rule's default.
	a := DefaultAccounts
	a.SLA, a.Pool = nil, nil
	if err := json.Unmarshal([]byte(row.Value), &a); err != nil {
		return Accounts{}, fmt.Errorf("settings: stored account rules are corrupt: %w", err)
	}
	return a, nil
}

// UpdateAccounts replaces the key-account rules; admins only, validated,
// audited in the same transaction.
func (s *Store) UpdateAccounts(ctx context.Context, a Accounts) (Accounts, error) {
	if !viewer.FromContext(ctx).IsAdmin() {
		return Accounts{}, errs.E(errs.Forbidden, "only admins change settings")
	}
	if err := a.validate(); err != nil {
		return Accounts{}, err
	}
	b, _ := json.Marshal(a)
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return Accounts{}, err
	}
	defer tx.Rollback() //nolint:errcheck
	err = tx.Setting.Create().SetKey(accountsKey).SetValue(string(b)).SetUpdatedByID(viewer.FromContext(ctx).UserID).
		OnConflictColumns(setting.FieldKey).UpdateValue().UpdateUpdatedByID().UpdateUpdatedAt().Exec(ctx)
	if err != nil {
		return Accounts{}, err
	}
	var detail map[string]any
	_ = json.Unmarshal(b, &detail)
	if err := audit.Record(ctx, tx.Client(), "settings.accounts.update", "", 0, detail); err != nil {
		return Accounts{}, err
	}
	if err := tx.Commit(); err != nil {
		return Accounts{}, err
	}
	return a, nil
}

func (a Accounts) validate() error {
	seen := map[ticket.Priority]bool{}
	for _, t := range a.SLA {
		if ticket.PriorityValidator(t.Priority) != nil || seen[t.Priority] {
			return errs.Field("sla", "one target per ticket priority")
		}
		seen[t.Priority] = true
		if t.FirstResponseMinutes < 0 || t.ResolutionMinutes < 0 {
			return errs.Field("sla", "minutes must not be negative (0 means no target)")
		}
	}
	r := a.Risk
	if r.ContributionDays < 0 || r.OpenTicketsMax < 0 || r.NoContactDays < 0 || r.OverdueDays < 0 {
		return errs.Field("risk", "days and counts must not be negative (0 turns a rule off)")
	}
	if r.ContributionDropPercent < 0 || r.ContributionDropPercent > 100 {
		return errs.Field("risk", "contributionDropPercent must be between 0 and 100")
	}
	for _, l := range []customer.RiskLevel{r.ContributionLevel, r.OpenTicketsLevel, r.UrgentOpenLevel, r.NoContactLevel, r.OverdueLevel} {
		if customer.RiskLevelValidator(l) != nil {
			return errs.Field("risk", "unknown risk level %q", l)
		}
	}
	tiers := map[customer.ValueTier]bool{}
	for _, p := range a.Pool {
		if customer.ValueTierValidator(p.Tier) != nil || tiers[p.Tier] {
			return errs.Field("pool", "one entry per value tier")
		}
		tiers[p.Tier] = true
		if p.Days < 0 {
			return errs.Field("pool", "days must not be negative (0 means never)")
		}
	}
	return nil
}

func isNotFound(err error) bool { return ent.IsNotFound(err) }
