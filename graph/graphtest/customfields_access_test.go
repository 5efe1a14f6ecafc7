package graphtest

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/kith-crm/kith/internal/auth"
)

// The custom field rows of the access matrix: staff read the definitions,
// only admins change them.
func init() { matrix = append(matrix, customFieldsMatrix...) }

var customFieldsMatrix = []op{
	{field: "Query.customFieldDefinitions", query: `{ customFieldDefinitions { id key type labelEn labelZh required archived } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Query.customFieldDefinitions", name: "with archived", query: `{ customFieldDefinitions(includeArchived: true) { id } }`,
		want: expect{U, F, F, OK, OK, OK}},
	{field: "Query.node", name: "custom field definition", query: nodeQ, target: fieldDef(false), vars: idVar("id"),
		want: expect{H, H, H, OK, OK, OK}},
	{field: "Query.customers", name: "unknown custom field", query: listQ("customers", `where: {customFields: [{key: "shoe", eq: 42}]}`),
		want: all(BUI)},

	{field: "Mutation.createCustomFieldDefinition", query: `mutation($k: String!) { createCustomFieldDefinition(input: {key: $k, type: SELECT, options: ["a", "b"], labelEn: "A or B", labelZh: "甲或乙"}) { id } }`,
		vars: func(_ *world, r role, _ int) map[string]any { return map[string]any{"k": fieldKey()} },
		want: expect{U, F, F, F, F, OK}},
	{field: "Mutation.updateCustomFieldDefinition", query: `mutation($id: ID!) { updateCustomFieldDefinition(id: $id, input: {labelZh: "新標籤", position: 9}) { id } }`,
		target: fieldDef(false), vars: idVar("id"),
		want: expect{U, F, F, F, F, OK}},
	{field: "Mutation.archiveCustomFieldDefinition", query: `mutation($id: ID!) { archiveCustomFieldDefinition(id: $id) { id archived } }`,
		target: fieldDef(false), vars: idVar("id"),
		want: expect{U, F, F, F, F, OK}},
	{field: "Mutation.restoreCustomFieldDefinition", query: `mutation($id: ID!) { restoreCustomFieldDefinition(id: $id) { id archived } }`,
		target: fieldDef(true), vars: idVar("id"),
		want: expect{U, F, F, F, F, OK}},
	{field: "Mutation.deleteCustomFieldDefinition", name: "unused field", query: `mutation($id: ID!) { deleteCustomFieldDefinition(id: $id) }`,
		target: fieldDef(false), vars: idVar("id"),
		want: expect{U, F, F, F, F, OK}},
	{field: "Mutation.deleteCustomFieldDefinition", name: "field a customer holds", query: `mutation($id: ID!) { deleteCustomFieldDefinition(id: $id) }`,
		target: heldFieldDef, vars: idVar("id"),
		want: expect{U, F, F, F, F, CF}},
}

var fieldSeq atomic.Int64

// fieldKey is a fresh custom field key.
func fieldKey() string { return fmt.Sprintf("matrix_%d", fieldSeq.Add(1)) }

// fieldDef returns a fixture that defines a fresh TEXT field, archived or not.
func fieldDef(archived bool) func(w *world) int {
	return func(w *world) int {
		ctx := auth.System(context.Background())
		return w.env.DB.Client.CustomFieldDefinition.Create().SetKey(fieldKey()).SetType("TEXT").
			SetLabelEn("Matrix").SetLabelZh("矩陣").SetArchived(archived).SaveX(ctx).ID
	}
}

// heldFieldDef defines a field and gives the pool account a value of it.
func heldFieldDef(w *world) int {
	ctx := auth.System(context.Background())
	id := fieldDef(false)(w)
	d := w.env.DB.Client.CustomFieldDefinition.GetX(ctx, id)
	c := w.env.DB.Client.Customer.GetX(ctx, w.custPool)
	cf := map[string]any{d.Key: "held"}
	for k, v := range c.CustomFields {
		cf[k] = v
	}
	w.env.DB.Client.Customer.UpdateOneID(c.ID).SetCustomFields(cf).ExecX(ctx)
	return id
}
