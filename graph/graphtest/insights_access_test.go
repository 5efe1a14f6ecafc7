package graphtest

// The Insights rows of the access matrix: staff read every aggregate,
// members are FORBIDDEN, anonymous callers UNAUTHENTICATED.
func init() { matrix = append(matrix, insightsMatrix...) }

const insightsRange = `from: "2024-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z"`

var insightsMatrix = []op{
	{field: "Query.insightsBasis", query: `{ insightsBasis { timeZone reportingCurrency } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Query.salesBreakdown", query: `{ salesBreakdown(by: CATEGORY, ` + insightsRange + `) { currency total { revenue customers } groups { key figures { contribution } } } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Query.salesOverTime", query: `{ salesOverTime(period: QUARTER, ` + insightsRange + `, by: CHANNEL) { periods { start figures { revenue } } series { key other } } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Query.customerCounts", query: `{ customerCounts(` + insightsRange + `) { start newCustomers activeBuyers totalCustomers } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Query.retention", query: `{ retention(period: YEAR, ` + insightsRange + `) { buyers retained churned rate } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Query.customerProfile", query: `{ customerProfile(by: REGION) { key other customers keyAccounts } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Query.communityActivity", query: `{ communityActivity(` + insightsRange + `) { posts comments reactions activeMembers } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Query.loyaltyOverTime", query: `{ loyaltyOverTime(period: QUARTER, ` + insightsRange + `) { outstanding holders periods { start issued redeemed reversed outstanding earners } } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Query.valueTiersOverTime", query: `{ valueTiersOverTime(` + insightsRange + `) { start tiers { tier customers entered left } } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Query.satisfactionTrend", query: `{ satisfactionTrend(` + insightsRange + `) { ticketsResolved share } }`,
		want: expect{U, F, F, OK, OK, OK}},
}
