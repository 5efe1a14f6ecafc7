package importer

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"entgo.io/contrib/entgql"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/internal/audit"
	"github.com/kith-crm/kith/internal/customer"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// exportPage is how many customers one query of an export reads.
const exportPage = 500

// keptColumns are the columns of an exported customers file that Kith keeps
// and an import does not take.
var keptColumns = []string{"credit_rating", "risk_level", "value_tier", "blacklisted", "owner_id", "created_at", "updated_at"}

// exportColumns are the columns of an exported customers file: id, the
// import columns and one per active custom field (so an export can be edited
// and imported again), then the ones Kith keeps.
func exportColumns(fields *customer.FieldSet) []string {
	cols := append([]string{"id"}, CustomerColumns()...)
	for _, def := range fields.Active() {
		cols = append(cols, def.Key)
	}
	return append(cols, keptColumns...)
}

// Neutralise makes a value safe to open in a spreadsheet: one that starts
// with =, +, -, @, a tab or a carriage return would be read as a formula
// (=cmd|' /C calc'!A0), so it gets a leading single quote, which
// spreadsheets show as text and do not display.
func Neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// ExportCustomers writes the customers the viewer may see that match where,
// in order (nil: by id), as CSV to w, reading them in pages through the
// privacy-filtered query; it returns how many it wrote and audits the export
// (customers.export). Staff only: a member's list is their own record, which
// is not what an export is for (FORBIDDEN).
func (im *Importer) ExportCustomers(ctx context.Context, w io.Writer, where *ent.CustomerWhereInput, order *ent.CustomerOrder) (int, error) {
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return 0, errs.E(errs.Unauthenticated, "sign in to export")
	}
	if !v.IsStaff() {
		return 0, errs.E(errs.Forbidden, "only staff export customers")
	}
	// Check the filter before the first byte goes out, so a bad one is a
	// clean error, not a cut-off file.
	if where != nil {
		if _, err := where.P(); err != nil && err != ent.ErrEmptyCustomerWhereInput {
			return 0, errs.Field("where", "%v", err)
		}
	}
	fields, err := customer.LoadFieldSet(ctx, im.DB.Client)
	if err != nil {
		return 0, err
	}
	cols := exportColumns(fields)
	cw := csv.NewWriter(w)
	if err := cw.Write(cols); err != nil {
		return 0, err
	}
	var after *entgql.Cursor[int]
	first := exportPage
	n := 0
	for {
		conn, err := im.DB.Client.Customer.Query().Paginate(ctx, after, &first, nil, nil,
			ent.WithCustomerOrder(order), ent.WithCustomerFilter(where.Filter))
		if err != nil {
			return n, err
		}
		for _, e := range conn.Edges {
			if err := cw.Write(exportRow(e.Node, cols)); err != nil {
				return n, err
			}
			n++
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return n, err
		}
		if !conn.PageInfo.HasNextPage || conn.PageInfo.EndCursor == nil {
			break
		}
		after = conn.PageInfo.EndCursor
	}
	detail := map[string]any{"count": n}
	if where != nil {
		detail["filtered"] = true
	}
	return n, audit.Record(ctx, im.DB.Client, "customers.export", "", 0, detail)
}

func exportRow(c *ent.Customer, cols []string) []string {
	id := func(p *int) string {
		if p == nil {
			return ""
		}
		return strconv.Itoa(*p)
	}
	vals := map[string]string{
		"id": strconv.Itoa(c.ID), "name": c.Name, "kind": string(c.Kind), "email": c.Email, "phone": c.Phone,
		"address": c.Address, "region": c.Region, "legal_representative": c.LegalRepresentative,
		"occupation": c.Occupation, "industry": c.Industry, "company_size": c.CompanySize,
		"service_area": c.ServiceArea, "sales_capacity": c.SalesCapacity, "growth_potential": c.GrowthPotential,
		"business_status": c.BusinessStatus, "payment_behaviour": c.PaymentBehaviour, "open_issues": c.OpenIssues,
		"tags": strings.Join(c.Tags, ";"), "external_ref": c.ExternalRef, "credit_rating": c.CreditRating,
		"risk_level": string(c.RiskLevel), "value_tier": string(c.ValueTier), "blacklisted": strconv.FormatBool(c.Blacklisted),
		"owner_id": id(c.OwnerID), "created_at": c.CreatedAt.UTC().Format(time.RFC3339), "updated_at": c.UpdatedAt.UTC().Format(time.RFC3339),
	}
	row := make([]string, len(cols))
	for i, col := range cols {
		v, ok := vals[col]
		if !ok {
			// A custom field's column: its key never equals a column of
			// the customer's own. A number (-5) cannot be a formula, and a
			// quote would stop it importing again.
			cv := c.CustomFields[col]
			if _, isNumber := cv.(float64); isNumber {
				row[i] = customer.FormatText(cv)
				continue
			}
			v = customer.FormatText(cv)
		}
		row[i] = Neutralise(v)
	}
	return row
}
