// Package history keeps "dynamic management" (動態管理): one ent hook records
// every field change of the entities that keep history — who, when, old → new.
package history

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/hook"
	"github.com/kith-crm/kith/internal/viewer"
)

// Register installs the hook on the entities that keep history.
func Register(c *ent.Client) {
	c.Customer.Use(Hook())
	c.Ticket.Use(Hook())
	c.CareRecord.Use(Hook())
}

type oldFielder interface {
	ent.Mutation
	ID() (int, bool)
	OldField(ctx context.Context, name string) (ent.Value, error)
	Client() *ent.Client
}

// Hook records the changed fields of single-row updates in the same
// transaction as the update. Bulk updates of these entities are refused:
// their old values cannot be recorded per row without reading them all.
func Hook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if m.Op().Is(ent.OpUpdate) {
				return nil, fmt.Errorf("history: bulk update of %s is not allowed; update rows one by one", m.Type())
			}
			hm, ok := m.(oldFielder)
			if !ok {
				return next.Mutate(ctx, m)
			}
			id, _ := hm.ID()
			type change struct{ field, old, new string }
			var changes []change
			for _, f := range m.Fields() {
				if untracked[f] {
					continue
				}
				oldV, err := hm.OldField(ctx, f)
				if err != nil {
					return nil, err
				}
				newV, _ := m.Field(f)
				if kcs, ok := keyChanges(f, oldV, newV); ok {
					for _, kc := range kcs {
						changes = append(changes, change{kc[0], kc[1], kc[2]})
					}
					continue
				}
				o, n := encode(oldV), encode(newV)
				if o != n {
					changes = append(changes, change{f, o, n})
				}
			}
			for _, f := range m.ClearedFields() {
				oldV, err := hm.OldField(ctx, f)
				if err != nil {
					return nil, err
				}
				if kcs, ok := keyChanges(f, oldV, nil); ok {
					for _, kc := range kcs {
						changes = append(changes, change{kc[0], kc[1], kc[2]})
					}
					continue
				}
				if o := encode(oldV); o != "null" {
					changes = append(changes, change{f, o, "null"})
				}
			}
			v, err := next.Mutate(ctx, m)
			if err != nil || len(changes) == 0 {
				return v, err
			}
			actor := viewer.FromContext(ctx).UserID
			c := hm.Client()
			bulk := make([]*ent.FieldChangeCreate, len(changes))
			for i, ch := range changes {
				b := c.FieldChange.Create().SetEntityType(m.Type()).SetEntityID(id).
					SetField(ch.field).SetOldValue(ch.old).SetNewValue(ch.new)
				if actor != 0 {
					b.SetActorID(actor)
				}
				bulk[i] = b
			}
			if err := c.FieldChange.CreateBulk(bulk...).Exec(system(ctx)); err != nil {
				return nil, fmt.Errorf("history: recording changes: %w", err)
			}
			return v, nil
		})
	}, ent.OpUpdateOne|ent.OpUpdate)
}

// perKey fields are JSON objects whose keys are fields in their own right
// (a customer's custom fields): each changed key is one history row, named
// "field.key", so the history reads "Budget 100 → 200", not two whole objects.
var perKey = map[string]bool{"custom_fields": true}

// keyChanges returns ["field.key", old, new] (JSON text; "null" when absent)
// for each key whose value differs between two JSON objects, in key order.
// ok is false when field is not kept per key, or a changed key is too long
// for a history row's field name (values written before custom fields were
// checked): then the whole object is recorded as one change.
func keyChanges(field string, oldV, newV any) (_ [][3]string, ok bool) {
	if !perKey[field] {
		return nil, false
	}
	o, _ := oldV.(map[string]any)
	n, _ := newV.(map[string]any)
	keys := make([]string, 0, len(o)+len(n))
	for k := range o {
		keys = append(keys, k)
	}
	for k := range n {
		if _, ok := o[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out [][3]string
	for _, k := range keys {
		ov, nv := encode(o[k]), encode(n[k])
		if ov == nv {
			continue
		}
		name := field + "." + k
		if len(name) > maxFieldName {
			return nil, false
		}
		out = append(out, [3]string{name, ov, nv})
	}
	return out, true
}

// maxFieldName is the longest FieldChange.field (its schema's MaxLen).
const maxFieldName = 64

// untracked fields change on every write and say nothing a person needs.
var untracked = map[string]bool{"updated_at": true}

func encode(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%q", fmt.Sprint(v))
	}
	return string(b)
}
