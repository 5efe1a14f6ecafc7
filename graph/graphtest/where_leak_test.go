package graphtest

import (
	"testing"

	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

// Privacy filters the rows a query returns, not the subqueries of has…With
// filters, so where inputs must not reach through an edge into rows the
// viewer may see less of. Each probe here once leaked (a hidden post's title,
// another customer's risk level) and must now be refused by validation.
func TestWhereCannotProbeThroughEdges(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		env := kithtest.Start(t, db, kithtest.Options{})
		probes := map[string]string{
			"HiddenPostsThroughBoards":      `{ boards(where: {hasPostsWith: [{hidden: true}]}) { totalCount } }`,
			"HiddenCommentsThroughPosts":    `{ posts(where: {hasCommentsWith: [{hidden: true}]}) { totalCount } }`,
			"OtherCustomersThroughReferral": `{ customers(where: {hasReferredByWith: [{riskLevel: EXIT}]}) { totalCount } }`,
			"OwnersThroughCustomers":        `{ customers(where: {hasOwnerWith: [{emailContains: "a"}]}) { totalCount } }`,
			"RepliesThroughComments":        `{ posts(where: {hasCommentsWith: [{hasRepliesWith: [{hidden: true}]}]}) { totalCount } }`,
		}
		for name, q := range probes {
			t.Run(name, func(t *testing.T) {
				r := env.Do("", q, nil)
				if r.Code() != "GRAPHQL_VALIDATION_FAILED" {
					t.Fatalf("probe answered (code %q, data %s); want GRAPHQL_VALIDATION_FAILED", r.Code(), r.Data)
				}
			})
		}
	})
}
