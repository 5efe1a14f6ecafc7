package seed

import (
	"fmt"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/customfielddefinition"
)

// fieldSpec is a demo custom field of the customer file.
type fieldSpec struct {
	key              string
	typ              customfielddefinition.Type
	options          []string
	labelEn, labelZh string
}

// fieldSpecs are the custom fields the demo defines, so the customer page,
// the filter and the admin page have something to show.
var fieldSpecs = []fieldSpec{
	{key: "preferred_contact", typ: customfielddefinition.TypeSELECT, options: []string{"phone", "e-mail", "WeChat", "visit"},
		labelEn: "Preferred contact", labelZh: "首选联系方式"},
	{key: "annual_budget", typ: customfielddefinition.TypeNUMBER, labelEn: "Annual budget (CNY)", labelZh: "年度预算（人民币）"},
	{key: "contract_renewal", typ: customfielddefinition.TypeDATE, labelEn: "Contract renewal", labelZh: "合同续约日"},
	{key: "site_visited", typ: customfielddefinition.TypeBOOLEAN, labelEn: "Site visited", labelZh: "已实地拜访"},
}

// planCustomFields gives customers values of the demo fields: every other
// customer a preferred contact, organisations a budget, a renewal date and
// whether their site was visited. It runs after the other plans, so it does
// not move the random draws they make.
func (p *plan) planCustomFields(g gen) {
	for i := range p.customers {
		c := &p.customers[i]
		cf := map[string]any{}
		if g.chance(0.5) {
			cf["preferred_contact"] = pick(g, fieldSpecs[0].options)
		}
		if c.org {
			// A year's revenue (in yuan, from two years in fen) give or
			// take, rounded to thousands, as a budget is spoken of.
			yearly := c.revenueCNY / 100 / 2 * g.between(0.8, 1.6)
			cf["annual_budget"] = float64(int(yearly/1000+1) * 1000)
			cf["contract_renewal"] = p.now.AddDate(0, 0, g.intn(540)-90).Format(time.DateOnly)
			cf["site_visited"] = g.chance(0.4)
		}
		if len(cf) > 0 {
			c.custom = cf
		}
	}
}

// customFields writes the demo definitions.
func (w *writer) customFields() error {
	bs := make([]*ent.CustomFieldDefinitionCreate, len(fieldSpecs))
	for i, f := range fieldSpecs {
		bs[i] = w.tx.CustomFieldDefinition.Create().SetKey(f.key).SetType(f.typ).SetOptions(f.options).
			SetLabelEn(f.labelEn).SetLabelZh(f.labelZh).SetPosition(i)
	}
	if err := w.tx.CustomFieldDefinition.CreateBulk(bs...).Exec(w.ctx); err != nil {
		return fmt.Errorf("custom fields: %w", err)
	}
	return nil
}
