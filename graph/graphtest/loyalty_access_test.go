package graphtest

// The loyalty rows of the access matrix. Alice's record is in the pool and
// holds no points, so staff who may redeem get CONFLICT (nothing written)
// and the matrix leaves the world as it found it.
func init() { matrix = append(matrix, loyaltyMatrix...) }

const defaultLoyaltySettings = `{orderUnit: 100, orderPoints: 1, redeemMinimum: 100,
	activities: [{activity: POST, points: 5, dailyCap: 20}, {activity: COMMENT, points: 2, dailyCap: 20}]}`

const redeemQ = `mutation($c: ID!) { redeemPoints(customerId: $c, points: 100, reason: "tea set") { id points } }`

var loyaltyMatrix = []op{
	{field: "Query.loyaltySettings", query: `{ loyaltySettings { orderUnit orderPoints redeemMinimum activities { activity points dailyCap } } }`,
		want: expect{U, OK, OK, OK, OK, OK}},
	{field: "Mutation.updateLoyaltySettings", query: `mutation { updateLoyaltySettings(input: ` + defaultLoyaltySettings + `) { orderUnit } }`,
		want: expect{U, F, F, F, F, OK}},
	{field: "Mutation.redeemPoints", name: "member's own record (pool, no points)", query: redeemQ, target: cAlice, vars: idVar("c"),
		want: expect{H, F, H, F, CF, CF}},
	{field: "Mutation.redeemPoints", name: "account of another manager", query: redeemQ, target: cForeign, vars: idVar("c"),
		want: expect{H, H, H, F, F, CF}},
	{field: "Mutation.adjustPoints", name: "below zero", query: `mutation($c: ID!) { adjustPoints(customerId: $c, points: -5, reason: "typo") { id } }`,
		target: cAlice, vars: idVar("c"),
		want: expect{H, F, H, F, F, CF}},
}
