// Command kith-loadtest measures live post delivery at scale: it opens many
// graphql-transport-ws clients subscribed to postAdded on one board, creates
// posts over HTTP and reports per-client delivery latency, the server's
// memory per subscriber, and whether the server's goroutines return to where
// they started after subscribers disconnect abruptly.
//
// By default it builds ./cmd/kith (run it inside the repository, or pass
// -kith-bin), seeds a temporary SQLite database — or the PostgreSQL database
// of -database-url / DATABASE_URL, which should be a scratch database — and
// runs `kith serve` as a child process on a free loopback port, so that the
// server's memory is measured apart from the clients'. -inprocess runs the
// server inside the tool instead (its -cpuprofile and -memprofile then cover
// the server code too), and -url targets a running server, signing members
// up through the API.
//
//	go run ./cmd/kith-loadtest                          # 10,000 subscribers, 5 posts, 10,000 cycles
//	go run ./cmd/kith-loadtest -subscribers 2000 -cycles 1000
//	go run ./cmd/kith-loadtest -url http://127.0.0.1:8080 -board 3
//
// Phases, each bounded in count and time (and all of them by -timeout):
//
//  1. connect: -subscribers clients, -signed-in percent of them with a
//     member's token, -connect-concurrency at a time; each sends
//     connection_init, waits for connection_ack and subscribes;
//  2. verify: wait until the server's go_goroutines (from /metrics) stops
//     changing, then a warm-up post must reach every client;
//  3. measure: -posts posts, each timed from just before the createPost
//     request to each client's receipt; the report gives p50/p90/p99/max and
//     how many arrived within -window (all must);
//  4. memory: the server's RSS and Go heap+stack in use before and after
//     subscribing, per subscriber (and its live heap from the GC trace of a
//     child process);
//  5. disconnect: every client drops its connection without a close frame;
//     the server's goroutines must return to the baseline within -settle;
//  6. cycles: -cycles connect/subscribe/abrupt-disconnect cycles, then the
//     same goroutine check.
//
// The exit status is 1 when a delivery is missing or late, a connection
// fails, or goroutines do not return; the latency and memory targets only
// fail the run with -enforce-targets.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

type config struct {
	subscribers        int
	signedInPercent    int
	members            int
	posts              int
	cycles             int
	connectConcurrency int
	cycleConcurrency   int
	timeout            time.Duration
	window             time.Duration
	settle             time.Duration
	slack              int
	url                string
	board              string
	databaseURL        string
	inProcess          bool
	kithBin            string
	cpuProfile         string
	memProfile         string
	targetP99          time.Duration
	targetKB           float64
	enforceTargets     bool
	serverEnv          []string
}

func parseFlags(args []string) (config, error) {
	var c config
	fs := flag.NewFlagSet("kith-loadtest", flag.ContinueOnError)
	fs.IntVar(&c.subscribers, "subscribers", 10_000, "concurrent websocket subscribers")
	fs.IntVar(&c.signedInPercent, "signed-in", 50, "percent of the subscribers that sign in with a member's token (the rest are anonymous)")
	fs.IntVar(&c.members, "members", 4, "members created; signed-in subscribers share their tokens and the first one posts")
	fs.IntVar(&c.posts, "posts", 5, "measured posts (after one warm-up post)")
	fs.IntVar(&c.cycles, "cycles", 10_000, "subscribe/abrupt-disconnect cycles after the posts")
	fs.IntVar(&c.connectConcurrency, "connect-concurrency", 64, "connections being set up at once")
	fs.IntVar(&c.cycleConcurrency, "cycle-concurrency", 32, "cycles running at once")
	fs.DurationVar(&c.timeout, "timeout", 4*time.Minute, "bound on the whole run")
	fs.DurationVar(&c.window, "window", 5*time.Second, "every client must receive each post within this time")
	fs.DurationVar(&c.settle, "settle", 10*time.Second, "how long the server's goroutines may take to return after disconnects")
	fs.IntVar(&c.slack, "slack", 10, "goroutines above the baseline still counted as returned")
	fs.StringVar(&c.url, "url", "", "target a running server at this base URL instead of starting one")
	fs.StringVar(&c.board, "board", "", "with -url: the board ID to subscribe to (default: the first public board members post on)")
	fs.StringVar(&c.databaseURL, "database-url", os.Getenv("DATABASE_URL"), "PostgreSQL URL of a scratch database (default $DATABASE_URL; empty: a temporary SQLite file)")
	fs.BoolVar(&c.inProcess, "inprocess", false, "run the server in this process (memory figures then include the clients)")
	fs.StringVar(&c.kithBin, "kith-bin", "", "prebuilt kith binary for the child process (default: go build ./cmd/kith)")
	fs.StringVar(&c.cpuProfile, "cpuprofile", "", "write this tool's CPU profile during the posts (with -inprocess it includes the server)")
	fs.StringVar(&c.memProfile, "memprofile", "", "write this tool's heap profile once everyone is subscribed (with -inprocess it includes the server)")
	fs.DurationVar(&c.targetP99, "target-p99", 250*time.Millisecond, "p99 delivery latency target")
	fs.Float64Var(&c.targetKB, "target-kb", 45, "server memory per subscriber target, in KB")
	fs.BoolVar(&c.enforceTargets, "enforce-targets", false, "exit with status 1 when a target is missed")
	fs.Func("server-env", "`KEY=VALUE` for the child server, e.g. GOGC=200 or GODEBUG=adaptivestackstart=0 (repeatable)", func(v string) error {
		if k, _, ok := strings.Cut(v, "="); !ok || k == "" {
			return errors.New("want KEY=VALUE")
		}
		c.serverEnv = append(c.serverEnv, v)
		return nil
	})
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	switch {
	case c.subscribers < 1 || c.subscribers > 100_000:
		return c, errors.New("-subscribers must be between 1 and 100000")
	case c.signedInPercent < 0 || c.signedInPercent > 100:
		return c, errors.New("-signed-in is a percentage")
	case c.members < 1 || c.members > 50:
		return c, errors.New("-members must be between 1 and 50")
	case c.posts < 1 || c.posts > 100:
		return c, errors.New("-posts must be between 1 and 100")
	case c.cycles < 0 || c.cycles > 1_000_000:
		return c, errors.New("-cycles must be between 0 and 1000000")
	case c.connectConcurrency < 1 || c.cycleConcurrency < 1:
		return c, errors.New("concurrency must be at least 1")
	case c.timeout <= 0 || c.window <= 0 || c.settle <= 0:
		return c, errors.New("durations must be positive")
	case c.url != "" && c.inProcess:
		return c, errors.New("-url and -inprocess exclude each other")
	case len(c.serverEnv) > 0 && (c.url != "" || c.inProcess):
		return c, errors.New("-server-env applies only to a child server")
	case c.url != "" && !strings.HasPrefix(c.url, "http://") && !strings.HasPrefix(c.url, "https://"):
		return c, errors.New("-url must start with http:// or https://")
	}
	return c, nil
}

var logStart = time.Now()

// logf writes progress to standard error; the report goes to standard output.
func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "[%6.1fs] %s\n", time.Since(logStart).Seconds(), fmt.Sprintf(format, args...))
}

func main() {
	cfg, err := parseFlags(os.Args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "kith-loadtest:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	ctx, cancel := context.WithTimeout(ctx, cfg.timeout)
	failures, err := run(ctx, cfg, os.Stdout)
	cancel()
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "kith-loadtest:", err)
		os.Exit(1)
	}
	if len(failures) > 0 {
		fmt.Println("FAILED:")
		for _, f := range failures {
			fmt.Println("  -", f)
		}
		os.Exit(1)
	}
	fmt.Println("OK")
}

// run does the whole test, printing the report to out as it goes, and
// returns what failed.
func run(ctx context.Context, cfg config, out io.Writer) (failures []string, err error) {
	fail := func(format string, args ...any) {
		failures = append(failures, fmt.Sprintf(format, args...))
	}
	need := uint64(cfg.subscribers + cfg.cycleConcurrency + 256)
	if cfg.inProcess {
		need += uint64(cfg.subscribers + cfg.cycleConcurrency) // the server's end of each socket
	}
	if limit, err := raiseFileLimit(need); err != nil {
		return nil, err
	} else if limit < need {
		return nil, fmt.Errorf("the open-file limit is %d but %d subscribers need about %d; lower -subscribers (or, with -inprocess, run the server as a child)", limit, cfg.subscribers, need)
	}

	workDir, err := os.MkdirTemp("", "kith-loadtest-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(workDir)
	runID := randomID()

	var t *target
	switch {
	case cfg.url != "":
		t, err = useExternal(ctx, cfg, runID)
	case cfg.inProcess:
		t, err = startInProcess(ctx, cfg, workDir, runID)
	default:
		t, err = startChild(ctx, cfg, workDir, runID)
	}
	if err != nil {
		return nil, err
	}
	defer t.Close()
	defer func() {
		if len(failures) > 0 && t.logs != nil && t.logs.String() != "" {
			fmt.Fprintf(out, "server's last log lines:\n%s\n", t.logs)
		}
	}()

	gql := &gqlClient{base: t.Base, hc: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 2}}}
	signedIn := cfg.subscribers * cfg.signedInPercent / 100
	db := t.Dialect
	if db == "" {
		db = "database unknown"
	}
	pid := "pid unknown"
	if t.PID != 0 {
		pid = fmt.Sprint("pid ", t.PID)
	}
	fmt.Fprintf(out, "Kith load test: %s server (%s) at %s, %s; GOMAXPROCS %d here, %d CPUs\n",
		t.Kind, db, t.Base, pid, runtime.GOMAXPROCS(0), runtime.NumCPU())
	fmt.Fprintf(out, "  %d subscribers on board %s (about %d signed in with %d members' tokens, the rest anonymous), %d posts, %d cycles\n",
		cfg.subscribers, t.BoardID, signedIn, len(t.Tokens), cfg.posts, cfg.cycles)

	// Baseline, once the fresh server has settled.
	g0, err := waitGoroutinesStable(ctx, gql, 10*time.Second)
	if err != nil {
		return nil, fmt.Errorf("reading the server's /metrics: %w", err)
	}
	m0, _ := gql.scrape(ctx)
	rss0, haveRSS := t.memoryRSS(m0)
	heap0 := m0["go_memstats_heap_inuse_bytes"] + m0["go_memstats_stack_inuse_bytes"]
	fmt.Fprintf(out, "baseline: %.0f goroutines, RSS %s, heap+stack in use %s\n", g0, mib(rss0), mib(heap0))

	// 1. Connect and subscribe.
	epoch := time.Now()
	f := newFleet(cfg.subscribers, cfg.posts+1, "kith-loadtest "+runID+" #", epoch)
	tokenFor := func(i int) string {
		if i%100 < cfg.signedInPercent {
			return t.Tokens[i%len(t.Tokens)]
		}
		return ""
	}
	cs := connect(ctx, cfg, t, f, tokenFor)
	defer f.closeAll(time.Second) //nolint:errcheck // a no-op after the disconnect phase
	n := f.connected()
	fmt.Fprintf(out, "connect: %d/%d subscribed in %.1fs (%.0f/s, %d at a time); setup p50 %s, p99 %s; %d failed, %d retried\n",
		n, cfg.subscribers, cs.elapsed.Seconds(), float64(n)/cs.elapsed.Seconds(), cfg.connectConcurrency,
		ms(cs.setup.P50), ms(cs.setup.P99), cs.failed, cs.retried)
	if cs.failed > 0 {
		fail("%d of %d clients could not subscribe (first error: %v)", cs.failed, cfg.subscribers, cs.firstErr)
	}
	if n == 0 {
		return failures, nil
	}

	// 2. Verify: the server's goroutines stop growing once every
	// subscription is set up.
	g1, err := waitGoroutinesStable(ctx, gql, 30*time.Second)
	if err != nil {
		return failures, err
	}
	subscribedAt := time.Now()
	m1, _ := gql.scrape(ctx)
	rss1, _ := t.memoryRSS(m1)
	heap1 := m1["go_memstats_heap_inuse_bytes"] + m1["go_memstats_stack_inuse_bytes"]
	perSubG := (g1 - g0) / float64(n)
	if t.Kind == "in-process" {
		fmt.Fprintf(out, "(in-process: the goroutine and memory figures include the clients' own)\n")
	}
	fmt.Fprintf(out, "server: %.0f goroutines with %d subscribers (%.2f per subscriber); average stack %s per goroutine (stack in use %s)\n",
		g1, n, perSubG, kib(m1["go_memstats_stack_inuse_bytes"]/g1), mib(m1["go_memstats_stack_inuse_bytes"]))
	if perSubG < 1 {
		fail("the server has only %.0f more goroutines for %d subscribers: subscriptions are missing", g1-g0, n)
	}
	if cfg.memProfile != "" {
		if err := writeHeapProfile(cfg.memProfile); err != nil {
			logf("heap profile: %v", err)
		}
	}

	// 3. Posts: round 0 warms up and proves every client is subscribed.
	mem := memoryReport{n: n, haveRSS: haveRSS, rss0: rss0, rss1: rss1, heap0: heap0, heap1: heap1}
	var all []time.Duration
	if cfg.cpuProfile != "" {
		stopProfile, err := startCPUProfile(cfg.cpuProfile)
		if err != nil {
			return failures, err
		}
		defer stopProfile()
	}
	fmt.Fprintf(out, "delivery, from just before the createPost request to receipt by each client:\n")
	fmt.Fprintf(out, "  %-8s %9s %9s %10s %10s %10s %10s %10s %10s %4s %10s %10s\n", "post", "received", fmt.Sprintf("≤%s", cfg.window), "first", "p50", "p90", "p99", "max", "mutation", "GCs", "srv CPU", "tool CPU")
	var serverCPUSum, clientCPUSum time.Duration
	serverCPUKnown := true
	for r := range cfg.posts + 1 {
		if ctx.Err() != nil {
			fail("the run timed out during the posts")
			break
		}
		res, err := postRound(ctx, cfg, t, gql, f, r, n)
		if err != nil {
			fail("post %d: %v", r, err)
			break
		}
		name := fmt.Sprint(r)
		if r == 0 {
			name = "warm-up"
		}
		s := summarize(res.lat, cfg.window)
		gcs := "-"
		if t.gc != nil {
			gcs = fmt.Sprint(t.gc.between(f.epoch.Add(res.sent), f.epoch.Add(res.sent+s.Max)))
		}
		srvCPU := "-"
		if res.serverCPU >= 0 && t.Kind != "in-process" {
			srvCPU = ms(res.serverCPU)
		}
		fmt.Fprintf(out, "  %-8s %9d %9d %10s %10s %10s %10s %10s %10s %4s %10s %10s\n", name, s.N, s.Within, ms(s.Min), ms(s.P50), ms(s.P90), ms(s.P99), ms(s.Max), ms(res.mutation), gcs, srvCPU, ms(res.clientCPU))
		if s.Within < n {
			fail("post %s reached %d of %d subscribers within %s (%d never)", name, s.Within, n, cfg.window, res.missing)
		}
		if r > 0 {
			all = append(all, res.lat...)
			serverCPUSum += res.serverCPU
			clientCPUSum += res.clientCPU
			serverCPUKnown = serverCPUKnown && res.serverCPU >= 0
		}
		if r < cfg.posts {
			sleepCtx(ctx, 500*time.Millisecond)
		}
	}
	pprof.StopCPUProfile() // a no-op without -cpuprofile
	total := summarize(all, cfg.window)
	fmt.Fprintf(out, "  %-8s %9d %9d %10s %10s %10s %10s %10s\n", "measured", total.N, total.Within, ms(total.Min), ms(total.P50), ms(total.P90), ms(total.P99), ms(total.Max))
	if deliveries := float64(len(all)); deliveries > 0 {
		perDelivery := func(d time.Duration) string {
			return fmt.Sprintf("%.1f µs", float64(d)/float64(time.Microsecond)/deliveries)
		}
		switch {
		case t.Kind == "in-process":
			fmt.Fprintf(out, "  CPU per delivery (server and clients in this process): %s\n", perDelivery(clientCPUSum))
		case serverCPUKnown:
			fmt.Fprintf(out, "  CPU per delivery: server %s, this tool's clients %s (the run's %d CPUs are shared)\n",
				perDelivery(serverCPUSum), perDelivery(clientCPUSum), runtime.NumCPU())
		default:
			fmt.Fprintf(out, "  CPU per delivery: this tool's clients %s\n", perDelivery(clientCPUSum))
		}
	}
	if d := f.dupes.Load(); d > 0 {
		fail("%d duplicate deliveries", d)
	}
	if e := f.ended.Load(); e > 0 {
		why, _ := f.endedWhy.Load().(string)
		fail("the server ended %d subscriptions (first: %s)", e, why)
	}

	// 4. Memory per subscriber.
	m2, _ := gql.scrape(ctx)
	mem.rss2, _ = t.memoryRSS(m2)
	mem.heap2, mem.stack2 = m2["go_memstats_heap_inuse_bytes"], m2["go_memstats_stack_inuse_bytes"]
	mem.stack1 = m1["go_memstats_stack_inuse_bytes"]
	if t.gc != nil {
		mem.gcBefore, mem.haveGCBefore = t.gc.lastBefore(epoch)
		mem.gcAfter, mem.haveGCAfter = t.gc.firstAfter(subscribedAt)
	}
	perSub := mem.print(out)

	// 5. Abrupt disconnect of everyone.
	if err := f.closeAll(10 * time.Second); err != nil {
		fail("%v", err)
	}
	ok, g, took := waitGoroutinesBack(ctx, gql, g0+float64(cfg.slack), cfg.settle)
	fmt.Fprintf(out, "disconnect: %d subscribers dropped without a close frame (half reset, half FIN); server goroutines %.0f → %.0f after %.1fs (baseline %.0f)\n",
		n, g1, g, took.Seconds(), g0)
	if !ok {
		fail("after dropping the subscribers the server still has %.0f goroutines, %.0f above the baseline of %.0f", g, g-g0, g0)
	}

	// 6. Subscribe/abrupt-disconnect cycles.
	if cfg.cycles > 0 && ctx.Err() == nil {
		cy := runCycles(ctx, cfg, t, tokenFor)
		ok, g, took := waitGoroutinesBack(ctx, gql, g0+float64(cfg.slack), cfg.settle)
		m3, _ := gql.scrape(ctx)
		rss3, _ := t.memoryRSS(m3)
		fmt.Fprintf(out, "cycles: %d of %d subscribe/abrupt-disconnect cycles in %.1fs (%.0f/s, %d at a time), %d failed; server goroutines %.0f after %.1fs (baseline %.0f); RSS %s\n",
			cy.done, cfg.cycles, cy.elapsed.Seconds(), float64(cy.done)/cy.elapsed.Seconds(), cfg.cycleConcurrency, cy.failed, g, took.Seconds(), g0, mib(rss3))
		if cy.done < cfg.cycles {
			fail("only %d of %d cycles ran before the time ran out", cy.done, cfg.cycles)
		}
		if cy.failed > 0 {
			fail("%d cycles failed (first error: %v)", cy.failed, cy.firstErr)
		}
		if !ok {
			fail("after the cycles the server still has %.0f goroutines, %.0f above the baseline of %.0f: a leak", g, g-g0, g0)
		}
	}

	// Targets.
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "MISSED"
	}
	p99ok := total.N > 0 && total.P99 <= cfg.targetP99
	kbOK := perSub > 0 && perSub/1024 <= cfg.targetKB
	kbVerdict := verdict(kbOK)
	if perSub <= 0 {
		kbVerdict = "not measured: the server's memory fell while subscribing; use more subscribers"
	}
	fmt.Fprintf(out, "targets: p99 ≤ %s: %s (%s); ≤ %.0f KB per subscriber: %s (%s)\n",
		ms(cfg.targetP99), verdict(p99ok), ms(total.P99), cfg.targetKB, kbVerdict, kib(perSub))
	if cfg.enforceTargets {
		if !p99ok {
			fail("p99 %s is over the %s target", ms(total.P99), ms(cfg.targetP99))
		}
		if !kbOK && perSub > 0 {
			fail("%s per subscriber is over the %.0f KB target", kib(perSub), cfg.targetKB)
		}
	}
	return failures, nil
}

type connectStats struct {
	elapsed         time.Duration
	setup           summary
	failed, retried int
	firstErr        error
}

// connect subscribes every client of f, connectConcurrency at a time, each
// with one retry, within a bounded time.
func connect(ctx context.Context, cfg config, t *target, f *fleet, tokenFor func(int) string) connectStats {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	d, url := newDialer(), wsURL(t.Base)
	start := time.Now()
	setup := make([]time.Duration, f.n)
	var failed, retried, done atomic.Int64
	var errOnce sync.Once
	var firstErr error
	idx := make(chan int)
	var wg sync.WaitGroup
	for range cfg.connectConcurrency {
		wg.Go(func() {
			for i := range idx {
				began := time.Now()
				c, err := subscribe(ctx, d, url, tokenFor(i), t.BoardID)
				if err != nil && ctx.Err() == nil {
					retried.Add(1)
					sleepCtx(ctx, 100*time.Millisecond)
					began = time.Now()
					c, err = subscribe(ctx, d, url, tokenFor(i), t.BoardID)
				}
				if err != nil {
					failed.Add(1)
					errOnce.Do(func() { firstErr = err })
					continue
				}
				setup[i] = time.Since(began)
				f.conns[i] = c
				f.readers.Add(1)
				go f.read(i, c)
				done.Add(1)
			}
		})
	}
	progress := time.NewTicker(5 * time.Second)
	defer progress.Stop()
feed:
	for i := range f.n {
		for {
			select {
			case idx <- i:
				continue feed
			case <-progress.C:
				logf("connect: %d subscribed, %d failed", done.Load(), failed.Load())
			case <-ctx.Done():
				failed.Add(int64(f.n - i))
				errOnce.Do(func() { firstErr = ctx.Err() })
				break feed
			}
		}
	}
	close(idx)
	wg.Wait()
	var ok []time.Duration
	for i, c := range f.conns {
		if c != nil {
			ok = append(ok, setup[i])
		}
	}
	return connectStats{elapsed: time.Since(start), setup: summarize(ok, time.Second), failed: int(failed.Load()), retried: int(retried.Load()), firstErr: firstErr}
}

type roundResult struct {
	sent     time.Duration // since the fleet's epoch
	lat      []time.Duration
	missing  int
	mutation time.Duration
	// CPU time used while the post was delivered: the server's (-1 when
	// unknown) and this process's, which includes the server in-process.
	serverCPU, clientCPU time.Duration
}

const createPost = `mutation($i: CreatePostInput!) { createPost(input: $i) { id } }`

const postBody = "A load test post. It is about as long as a short community post: " +
	"a question, a few sentences of context, and a thank-you at the end, so that " +
	"the payload each subscriber receives has a realistic size."

// postRound creates post r and waits until all n clients have it, or twice
// the window has passed.
func postRound(ctx context.Context, cfg config, t *target, gql *gqlClient, f *fleet, r, n int) (roundResult, error) {
	vars := map[string]any{"i": map[string]any{
		"boardId": t.BoardID, "title": fmt.Sprintf("%s%d", f.marker, r), "body": postBody, "tags": []string{"loadtest"},
	}}
	serverCPU0, clientCPU0 := serverCPU(ctx, gql), ownCPU()
	sent := time.Since(f.epoch)
	err := gql.do(ctx, t.Tokens[0], createPost, vars, nil)
	mutation := time.Since(f.epoch) - sent
	if err != nil {
		return roundResult{}, err
	}
	deadline := f.epoch.Add(sent + 2*cfg.window)
	for f.got[r].Load() < int64(n) && time.Now().Before(deadline) && ctx.Err() == nil {
		time.Sleep(5 * time.Millisecond)
	}
	lat, missing := f.latencies(r, sent)
	res := roundResult{sent: sent, lat: lat, missing: missing, mutation: mutation, serverCPU: -1}
	if serverCPU0 >= 0 {
		if c := serverCPU(ctx, gql); c >= 0 {
			res.serverCPU = c - serverCPU0
		}
	}
	res.clientCPU = ownCPU() - clientCPU0
	return res, nil
}

// serverCPU returns the server's process_cpu_seconds_total, or -1.
func serverCPU(ctx context.Context, gql *gqlClient) time.Duration {
	m, err := gql.scrape(ctx)
	if v, ok := m["process_cpu_seconds_total"]; err == nil && ok {
		return time.Duration(v * float64(time.Second))
	}
	return -1
}

// ownCPU returns the user and system CPU time this process has used.
func ownCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

type cycleStats struct {
	done, failed int
	elapsed      time.Duration
	firstErr     error
}

// runCycles connects, subscribes and drops a connection cfg.cycles times.
// The pause before dropping varies so that some connections go while the
// server is still setting the subscription up and others after.
func runCycles(ctx context.Context, cfg config, t *target, tokenFor func(int) string) cycleStats {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	d, url := newDialer(), wsURL(t.Base)
	pauses := []time.Duration{0, time.Millisecond, 5 * time.Millisecond, 25 * time.Millisecond}
	start := time.Now()
	var done, failed atomic.Int64
	var errOnce sync.Once
	var firstErr error
	idx := make(chan int)
	var wg sync.WaitGroup
	for range cfg.cycleConcurrency {
		wg.Go(func() {
			for i := range idx {
				c, err := subscribe(ctx, d, url, tokenFor(i), t.BoardID)
				if err != nil {
					if ctx.Err() == nil {
						failed.Add(1)
						errOnce.Do(func() { firstErr = err })
					}
					continue
				}
				sleepCtx(ctx, pauses[i%len(pauses)])
				abruptClose(c, i%2 == 0)
				done.Add(1)
			}
		})
	}
	progress := time.NewTicker(5 * time.Second)
	defer progress.Stop()
feed:
	for i := range cfg.cycles {
		for {
			select {
			case idx <- i:
				continue feed
			case <-progress.C:
				logf("cycles: %d done, %d failed", done.Load(), failed.Load())
			case <-ctx.Done():
				break feed
			}
		}
	}
	close(idx)
	wg.Wait()
	return cycleStats{done: int(done.Load()), failed: int(failed.Load()), elapsed: time.Since(start), firstErr: firstErr}
}

// memoryReport is the server's memory before and after subscribing.
type memoryReport struct {
	n                 int
	haveRSS           bool
	rss0, rss1, rss2  float64
	heap0, heap1      float64 // heap and stacks in use
	stack1            float64 // stacks in use, subscribed
	heap2, stack2     float64 // heap and stacks in use after the posts
	gcBefore, gcAfter gcTrace
	haveGCBefore      bool
	haveGCAfter       bool
}

// print writes the memory lines and returns the bytes per subscriber the
// target is judged on: the RSS growth when known, else heap and stacks.
func (m memoryReport) print(out io.Writer) float64 {
	n := float64(m.n)
	heapPer := (m.heap1 - m.heap0) / n
	fmt.Fprintf(out, "memory per subscriber:\n")
	var perSub float64
	if m.haveRSS {
		perSub = (m.rss1 - m.rss0) / n
		fmt.Fprintf(out, "  RSS:                %10s  (%s → %s subscribed; %s after the posts)\n", kib(perSub), mib(m.rss0), mib(m.rss1), mib(m.rss2))
	} else {
		perSub = heapPer
	}
	fmt.Fprintf(out, "  heap+stack in use:  %10s  (%s → %s, of which stacks %s, %s per subscriber; after the posts heap %s, stacks %s)\n",
		kib(heapPer), mib(m.heap0), mib(m.heap1), mib(m.stack1), kib(m.stack1/n), mib(m.heap2), mib(m.stack2))
	if m.haveGCAfter {
		var live0, stacks0 float64
		if m.haveGCBefore {
			live0, stacks0 = float64(m.gcBefore.LiveMB)*(1<<20), float64(m.gcBefore.StacksMB)*(1<<20)
		}
		live, stacks := float64(m.gcAfter.LiveMB)*(1<<20)-live0, float64(m.gcAfter.StacksMB)*(1<<20)-stacks0
		fmt.Fprintf(out, "  live heap + stacks: %10s  (GC %d after subscribing: live heap %d MB, stacks %d MB; %s + %s per subscriber)\n",
			kib((live+stacks)/n), m.gcAfter.Num, m.gcAfter.LiveMB, m.gcAfter.StacksMB, kib(live/n), kib(stacks/n))
	}
	return perSub
}

// waitGoroutinesStable polls go_goroutines until four readings 250ms apart
// agree, or maxWait passes, and returns the last reading.
func waitGoroutinesStable(ctx context.Context, gql *gqlClient, maxWait time.Duration) (float64, error) {
	deadline := time.Now().Add(maxWait)
	prev, same := -1.0, 0
	for {
		m, err := gql.scrape(ctx)
		if err != nil {
			return 0, err
		}
		g, ok := m["go_goroutines"]
		if !ok {
			return 0, errors.New("/metrics has no go_goroutines")
		}
		if g == prev {
			same++
		} else {
			prev, same = g, 0
		}
		if same >= 3 || time.Now().After(deadline) {
			return g, nil
		}
		if !sleepCtx(ctx, 250*time.Millisecond) {
			return g, ctx.Err()
		}
	}
}

// waitGoroutinesBack polls go_goroutines until it is at most limit, for at
// most maxWait.
func waitGoroutinesBack(ctx context.Context, gql *gqlClient, limit float64, maxWait time.Duration) (ok bool, last float64, took time.Duration) {
	start := time.Now()
	for {
		m, err := gql.scrape(ctx)
		if err == nil {
			last = m["go_goroutines"]
			if last <= limit {
				return true, last, time.Since(start)
			}
		}
		if time.Since(start) > maxWait || !sleepCtx(ctx, 200*time.Millisecond) {
			return false, last, time.Since(start)
		}
	}
}

// sleepCtx sleeps for d and reports false if ctx ended first.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// raiseFileLimit raises the soft open-file limit towards need (the hard limit
// too, where the process may) and returns the resulting soft limit. A raised
// limit is inherited by a child server.
func raiseFileLimit(need uint64) (uint64, error) {
	var l syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &l); err != nil {
		return 0, err
	}
	if l.Max < need {
		raised := syscall.Rlimit{Cur: need, Max: need}
		if syscall.Setrlimit(syscall.RLIMIT_NOFILE, &raised) == nil {
			return need, nil
		}
	}
	l.Cur = l.Max
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &l); err != nil {
		return 0, err
	}
	return l.Cur, nil
}

// startCPUProfile profiles this process into path until the returned func
// (or pprof.StopCPUProfile) is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func writeHeapProfile(path string) error {
	runtime.GC()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return pprof.Lookup("heap").WriteTo(f, 0)
}

func randomID() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
