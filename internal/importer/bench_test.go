package importer_test

import (
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kith-crm/kith/internal/importer"
	"github.com/kith-crm/kith/internal/testdb"
	"github.com/kith-crm/kith/internal/viewer"
)

// genCSV writes n customer rows into a pipe, so the file is never in memory.
func genCSV(n int) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		fmt.Fprintln(pw, "name,email,phone,region,industry,tags")
		for i := range n {
			fmt.Fprintf(pw, "Customer %d,c%d@example.com,+86 139 %08d,Region %d,Trade,vip;wholesale\n", i, i, i, i%50)
		}
		pw.Close()
	}()
	return pr
}

// BenchmarkImport100kCustomers imports 100,000 customers into an empty
// database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set) and
// reports the peak heap in use during the import.
func BenchmarkImport100kCustomers(b *testing.B) {
	const rows = 100_000
	for _, dia := range testdb.Dialects() {
		b.Run(dia, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				db := testdb.Open(b, dia)
				ctx := staff(b, db, viewer.RoleAdmin)
				runtime.GC()
				var peak atomic.Uint64
				stop := make(chan struct{})
				var wg sync.WaitGroup
				wg.Go(func() {
					var ms runtime.MemStats
					for {
						runtime.ReadMemStats(&ms)
						if ms.HeapInuse > peak.Load() {
							peak.Store(ms.HeapInuse)
						}
						select {
						case <-stop:
							return
						case <-time.After(50 * time.Millisecond):
						}
					}
				})
				b.StartTimer()
				res, err := (&importer.Importer{DB: db}).Customers(ctx, genCSV(rows), importer.ModeSkip, nil)
				b.StopTimer()
				close(stop)
				wg.Wait()
				if err != nil || !res.Written || res.Created != rows {
					b.Fatalf("%+v %v", res, err)
				}
				b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
				db.Close()
				b.StartTimer()
			}
		})
	}
}
