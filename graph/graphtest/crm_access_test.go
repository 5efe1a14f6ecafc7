package graphtest

// The value-analysis rows of the access matrix: dashboards and settings are
// staff's, a recompute is for admins and marketers, the rules are admins'.
// The score filters never widen what a member sees.
func init() { matrix = append(matrix, crmMatrix...) }

const defaultScoreSettings = `{windowDays: 365, mvcPercentile: 80, growthDays: 90, mgcGrowthPercent: 20, dueSoonDays: 14, recomputeMinutes: 60}`

var crmMatrix = []op{
	{field: "Query.paretoCurve", query: `{ paretoCurve(points: 4) { customerShare contributionShare customers } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Query.paretoSummary", query: `{ paretoSummary { customers totalContribution topShare } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Query.rfmGrid", query: `{ rfmGrid { recency frequency customers } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Query.valueTierCounts", query: `{ valueTierCounts { tier customers } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Query.valueTierMovements", query: `{ valueTierMovements(from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z") { from to customers } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Query.categoryAffinities", query: `{ categoryAffinities { category other lift } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Query.scoreSettings", query: `{ scoreSettings { windowDays dueSoonDays } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Query.customers", name: "score filters cannot widen", query: listQ("customers", `where: {notBoughtCategory: "nothing-ever", valueTierIn: [ORDINARY, MVC, MGC, BZ]}`),
		want: expect{E, only(ids(cAlice)), only(ids(cBob)), incl(allCustomers), incl(allCustomers), incl(allCustomers)}},

	{field: "Mutation.recomputeScores", query: `mutation { recomputeScores { id kind } }`,
		want: expect{U, F, F, OK, F, OK}},
	{field: "Mutation.updateScoreSettings", query: `mutation { updateScoreSettings(input: ` + defaultScoreSettings + `) { windowDays } }`,
		want: expect{U, F, F, F, F, OK}},
}
