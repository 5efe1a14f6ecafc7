package customer

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"entgo.io/ent/privacy"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/customer"
	"github.com/kith-crm/kith/ent/customfielddefinition"
	"github.com/kith-crm/kith/ent/schema"
	"github.com/kith-crm/kith/internal/audit"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// Limits of the definitions: the list is short by design (it is a form, not
// a data set), so customFieldDefinitions returns it whole.
const (
	MaxFieldDefinitions = 100
	MaxFieldOptions     = 100
	maxKeyLen           = 40
	maxLabelLen         = 100
	maxOptionLen        = 100
)

// reservedKeys are the names a custom field may not take: the customer's own
// columns, which share the header of an import or export file with the
// custom fields.
var reservedKeys = func() map[string]bool {
	m := map[string]bool{"id": true}
	for _, c := range customer.Columns {
		m[c] = true
	}
	return m
}()

func requireAdmin(ctx context.Context) error {
	v := viewer.FromContext(ctx)
	switch {
	case !v.Authenticated():
		return errs.E(errs.Unauthenticated, "sign in first")
	case !v.IsAdmin():
		return errs.E(errs.Forbidden, "only admins define custom fields")
	}
	return nil
}

func cleanLabel(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" || utf8.RuneCountInString(s) > maxLabelLen {
		return "", errs.Field(field, "a label of 1 to %d characters is required", maxLabelLen)
	}
	return s, nil
}

// cleanOptions trims the options of a field of type t and checks them: a
// SELECT needs at least one, distinct; other types take none.
func cleanOptions(t customfielddefinition.Type, opts []string) ([]string, error) {
	if t != customfielddefinition.TypeSELECT {
		if len(opts) > 0 {
			return nil, errs.Field("options", "only SELECT fields have options")
		}
		return nil, nil
	}
	out := make([]string, 0, len(opts))
	for _, o := range opts {
		o = strings.TrimSpace(o)
		switch {
		case o == "" || utf8.RuneCountInString(o) > maxOptionLen:
			return nil, errs.Field("options", "each option needs 1 to %d characters", maxOptionLen)
		case slices.Contains(out, o):
			return nil, errs.Field("options", "option %q appears twice", o)
		}
		out = append(out, o)
	}
	switch {
	case len(out) == 0:
		return nil, errs.Field("options", "a SELECT field needs at least one option")
	case len(out) > MaxFieldOptions:
		return nil, errs.Field("options", "at most %d options", MaxFieldOptions)
	}
	return out, nil
}

// FieldDefinitions lists the custom field definitions in display order
// (position, then key); archived ones only when asked. Staff only.
func (s *Service) FieldDefinitions(ctx context.Context, includeArchived bool) ([]*ent.CustomFieldDefinition, error) {
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return nil, errs.E(errs.Unauthenticated, "sign in first")
	}
	if !v.IsStaff() {
		return nil, errs.E(errs.Forbidden, "staff only")
	}
	q := s.Client.CustomFieldDefinition.Query()
	if !includeArchived {
		q.Where(customfielddefinition.Archived(false))
	}
	defs, err := q.All(ctx)
	if err != nil {
		return nil, err
	}
	sortDefinitions(defs)
	return defs, nil
}

// CreateFieldDefinition adds a custom field (admins). The key is a slug
// (a–z, 0–9, _; starting with a letter; at most 40 characters) that is not
// one of the customer's own columns; it never changes. Without a position the
// field goes last. CONFLICT when the key is taken (archived fields keep
// theirs). Audited as custom_field.create.
func (s *Service) CreateFieldDefinition(ctx context.Context, in ent.CreateCustomFieldDefinitionInput) (*ent.CustomFieldDefinition, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	in.Key = strings.TrimSpace(in.Key)
	switch {
	case in.Key == "" || len(in.Key) > maxKeyLen || !schema.CustomFieldKey.MatchString(in.Key):
		return nil, errs.Field("key", "a key is 1 to %d of a–z, 0–9 and _, starting with a letter", maxKeyLen)
	case reservedKeys[in.Key]:
		return nil, errs.Field("key", "%q is one of the customer's own fields", in.Key)
	}
	if err := customfielddefinition.TypeValidator(in.Type); err != nil {
		return nil, errs.Field("type", "unknown type %q", in.Type)
	}
	var err error
	if in.LabelEn, err = cleanLabel("labelEn", in.LabelEn); err != nil {
		return nil, err
	}
	if in.LabelZh, err = cleanLabel("labelZh", in.LabelZh); err != nil {
		return nil, err
	}
	if in.Options, err = cleanOptions(in.Type, in.Options); err != nil {
		return nil, err
	}
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck
	all, err := tx.CustomFieldDefinition.Query().All(ctx)
	if err != nil {
		return nil, err
	}
	if len(all) >= MaxFieldDefinitions {
		return nil, errs.Field("key", "at most %d custom fields; delete or reuse one", MaxFieldDefinitions)
	}
	last := -1
	for _, d := range all {
		if d.Key == in.Key {
			return nil, &errs.Error{Code: errs.Conflict, Field: "key", Message: "a custom field with this key exists (perhaps archived)"}
		}
		last = max(last, d.Position)
	}
	if in.Position == nil {
		p := last + 1
		in.Position = &p
	}
	d, err := tx.CustomFieldDefinition.Create().SetInput(in).Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, &errs.Error{Code: errs.Conflict, Field: "key", Message: "a custom field with this key exists"}
	}
	if err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, tx.Client(), "custom_field.create", "CustomFieldDefinition", d.ID, definitionDetail(d)); err != nil {
		return nil, err
	}
	return d, tx.Commit()
}

func definitionDetail(d *ent.CustomFieldDefinition) map[string]any {
	m := map[string]any{
		"key": d.Key, "type": string(d.Type), "labelEn": d.LabelEn, "labelZh": d.LabelZh,
		"required": d.Required, "position": d.Position, "archived": d.Archived,
	}
	if len(d.Options) > 0 {
		m["options"] = d.Options
	}
	return m
}

// UpdateFieldDefinition changes a field's labels, required flag, position or
// options (admins); key and type are fixed once created. An option may be
// removed only while no customer holds it (CONFLICT on "options" otherwise,
// naming how many do). Audited as custom_field.update with the old and new
// values of what changed.
func (s *Service) UpdateFieldDefinition(ctx context.Context, id int, in ent.UpdateCustomFieldDefinitionInput) (*ent.CustomFieldDefinition, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	var err error
	if in.LabelEn != nil {
		if *in.LabelEn, err = cleanLabel("labelEn", *in.LabelEn); err != nil {
			return nil, err
		}
	}
	if in.LabelZh != nil {
		if *in.LabelZh, err = cleanLabel("labelZh", *in.LabelZh); err != nil {
			return nil, err
		}
	}
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck
	d, err := tx.CustomFieldDefinition.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if in.ClearOptions || in.Options != nil || in.AppendOptions != nil {
		opts := d.Options
		if in.ClearOptions {
			opts = nil
		}
		if in.Options != nil {
			opts = in.Options
		}
		opts = append(slices.Clone(opts), in.AppendOptions...)
		if opts, err = cleanOptions(d.Type, opts); err != nil {
			return nil, err
		}
		for _, gone := range d.Options {
			if slices.Contains(opts, gone) {
				continue
			}
			n, err := tx.Customer.Query().Where(FieldEquals(d.Key, gone)).Count(privacy.DecisionContext(ctx, privacy.Allow))
			if err != nil {
				return nil, err
			}
			if n > 0 {
				return nil, &errs.Error{Code: errs.Conflict, Field: "options",
					Message: fmt.Sprintf("%s option %q; change their values first", plural(n, "customer holds", "customers hold"), gone)}
			}
		}
		in.Options, in.AppendOptions, in.ClearOptions = opts, nil, false
	}
	after, err := tx.CustomFieldDefinition.UpdateOneID(id).SetInput(in).Save(ctx)
	if err != nil {
		return nil, err
	}
	before, now := definitionDetail(d), definitionDetail(after)
	changes := map[string]any{"key": d.Key}
	for k, v := range now {
		if w, ok := before[k]; !ok || !reflect.DeepEqual(v, w) {
			changes[k] = map[string]any{"old": before[k], "new": v}
		}
	}
	if _, gone := now["options"]; !gone && before["options"] != nil {
		changes["options"] = map[string]any{"old": before["options"], "new": nil}
	}
	if err := audit.Record(ctx, tx.Client(), "custom_field.update", "CustomFieldDefinition", id, changes); err != nil {
		return nil, err
	}
	return after, tx.Commit()
}

// SetFieldArchived archives a field (admins): it is no longer shown, offered,
// required, imported or exported, and takes no new values, but the values
// customers hold are kept and may still be filtered by; or restores it.
// Audited as custom_field.archive or custom_field.restore.
func (s *Service) SetFieldArchived(ctx context.Context, id int, archived bool) (*ent.CustomFieldDefinition, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck
	d, err := tx.CustomFieldDefinition.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if d.Archived == archived {
		return d, nil
	}
	d, err = tx.CustomFieldDefinition.UpdateOneID(id).SetArchived(archived).Save(ctx)
	if err != nil {
		return nil, err
	}
	action := "custom_field.archive"
	if !archived {
		action = "custom_field.restore"
	}
	if err := audit.Record(ctx, tx.Client(), action, "CustomFieldDefinition", id, map[string]any{"key": d.Key}); err != nil {
		return nil, err
	}
	return d, tx.Commit()
}

// DeleteFieldDefinition removes a field nobody holds a value of (admins);
// CONFLICT while any customer does — archive it instead, which keeps the
// values. Deleting frees the key. Audited as custom_field.delete.
func (s *Service) DeleteFieldDefinition(ctx context.Context, id int) (bool, error) {
	if err := requireAdmin(ctx); err != nil {
		return false, err
	}
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return false, err
	}
	defer tx.Rollback() //nolint:errcheck
	d, err := tx.CustomFieldDefinition.Get(ctx, id)
	if err != nil {
		return false, err
	}
	n, err := tx.Customer.Query().Where(FieldHasValue(d.Key)).Count(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		return false, err
	}
	if n > 0 {
		return false, &errs.Error{Code: errs.Conflict,
			Message: plural(n, "customer holds a value", "customers hold values") + " of this field; archive it instead"}
	}
	if err := tx.CustomFieldDefinition.DeleteOneID(id).Exec(ctx); err != nil {
		return false, err
	}
	if err := audit.Record(ctx, tx.Client(), "custom_field.delete", "CustomFieldDefinition", id, definitionDetail(d)); err != nil {
		return false, err
	}
	return true, tx.Commit()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
