// Package graph is the GraphQL transport: resolvers check who asks, call one
// service and return. Rules live in internal/.
package graph

import (
	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/internal/accounts"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/community"
	"github.com/kith-crm/kith/internal/crm"
	"github.com/kith-crm/kith/internal/customer"
	"github.com/kith-crm/kith/internal/importer"
	"github.com/kith-crm/kith/internal/insights"
	"github.com/kith-crm/kith/internal/jobs"
	"github.com/kith-crm/kith/internal/loyalty"
	"github.com/kith-crm/kith/internal/mail"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/receivables"
	"github.com/kith-crm/kith/internal/settings"
)

// Resolver holds the services resolvers call.
type Resolver struct {
	Client    *ent.Client
	Auth      *auth.Service
	Settings  *settings.Store
	Customers *customer.Service
	Community *community.Service
	Jobs      *jobs.Service
	Bus       *pubsub.Bus
	// Imports starts CSV imports; Merge merges customers.
	Imports *importer.Service
	// Accounts runs key-account care: teams, risk, SLA, pool, alerts.
	Accounts *accounts.Service
	// Loyalty runs the points programme: ledger, balances, redemptions.
	Loyalty *loyalty.Service
	// Invoicing issues invoices and records payments.
	Invoicing *receivables.Service
	// Insights computes the aggregates of the Insights pages.
	Insights *insights.Service
	// Scores runs value analysis: RFM, tiers, Pareto, anticipation, cross-sell.
	Scores *crm.Service
	// Mailer sends transactional mail (verification, password reset);
	// campaigns reuse it.
	Mailer mail.Sender
}
