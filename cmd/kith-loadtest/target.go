package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/board"
	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/auth"
	"github.com/kith-crm/kith/internal/clock"
	"github.com/kith-crm/kith/internal/community"
	"github.com/kith-crm/kith/internal/history"
	"github.com/kith-crm/kith/internal/jobs"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/viewer"
	"github.com/kith-crm/kith/server"
)

// target is the Kith server under test.
type target struct {
	Kind    string // "child process", "in-process" or "external"
	Dialect string // "sqlite", "postgres" or "" when unknown
	Base    string // http://host:port, no trailing slash
	PID     int    // the server's process: the child, this process, or 0 when external
	BoardID string
	// Tokens are session tokens of members who may post on the board.
	Tokens []string

	gc   *gcWatcher // GC trace of a child; nil otherwise
	logs *lineRing  // the child's last log lines; nil otherwise
	stop func()
}

// Close stops whatever start started; it is safe to call more than once.
func (t *target) Close() {
	if t.stop != nil {
		t.stop()
		t.stop = nil
	}
}

// memoryRSS returns the server's resident set size: from /proc for a process
// of ours, else from the server's /metrics.
func (t *target) memoryRSS(m metrics) (float64, bool) {
	if t.PID != 0 {
		f, err := os.Open(fmt.Sprintf("/proc/%d/status", t.PID))
		if err == nil {
			defer f.Close()
			if rss, err := vmRSS(f); err == nil {
				return float64(rss), true
			}
		}
	}
	v, ok := m["process_resident_memory_bytes"]
	return v, ok
}

// seed is the data a run needs: a public board members post on, and members.
type seed struct {
	BoardID int
	Tokens  []string
}

// seedThroughServices creates an admin, a public board and members directly
// through Kith's services. Passwords are random and hashed with the cheap
// test parameters: nobody logs in with them, the members use the session
// tokens sign-up returns.
func seedThroughServices(ctx context.Context, db *store.DB, runID string, members int) (seed, error) {
	// No mailer and no signing key: sign-up's verification mail is of no
	// use to load-test members, so its complaints are not logged either.
	a := &auth.Service{Client: db.Client, Hasher: auth.NewHasher(auth.TestParams), Clock: clock.System{},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	admin, err := a.CreateUser(auth.System(ctx), "loadtest-admin-"+runID+"@example.com", randomPassword(), viewer.RoleAdmin, "Load test admin")
	if err != nil {
		return seed{}, fmt.Errorf("creating the admin: %w", err)
	}
	adminCtx := viewer.NewContext(ctx, viewer.Viewer{UserID: admin.ID, Role: viewer.RoleAdmin})
	public, byMembers := board.ReadAccessPUBLIC, board.PostAccessMEMBERS
	b, err := (&community.Service{Client: db.Client}).CreateBoard(adminCtx, ent.CreateBoardInput{
		Name: "Load test " + runID, Slug: "loadtest-" + runID, ReadAccess: &public, PostAccess: &byMembers,
	})
	if err != nil {
		return seed{}, fmt.Errorf("creating the board: %w", err)
	}
	out := seed{BoardID: b.ID}
	for i := range members {
		s, err := a.SignUp(auth.WithCredentialBudget(ctx), fmt.Sprintf("loadtest-%s-%d@example.com", runID, i), randomPassword(), fmt.Sprintf("Load tester %d", i))
		if err != nil {
			return seed{}, fmt.Errorf("signing up member %d: %w", i, err)
		}
		out.Tokens = append(out.Tokens, s.Token)
	}
	return out, nil
}

// openAndMigrate opens the database as `kith serve` does and migrates it.
func openAndMigrate(ctx context.Context, databaseURL, dataDir string) (*store.DB, error) {
	db, err := store.Open(ctx, databaseURL, dataDir)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx, func(ctx context.Context) error { return jobs.Migrate(ctx, db) }); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// startChild seeds the database and runs `kith serve` on it as a child
// process listening on a free loopback port. With an empty kithBin it builds
// ./cmd/kith into workDir first.
func startChild(ctx context.Context, cfg config, workDir, runID string) (*target, error) {
	bin := cfg.kithBin
	if bin == "" {
		bin = filepath.Join(workDir, "kith")
		logf("building the kith binary")
		build := exec.CommandContext(ctx, goCommand(), "build", "-o", bin, "github.com/kith-crm/kith/cmd/kith")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return nil, fmt.Errorf("building the kith binary (run inside the repository, or pass -kith-bin): %w", err)
		}
	}
	dataDir := filepath.Join(workDir, "data")
	db, err := openAndMigrate(ctx, cfg.databaseURL, dataDir)
	if err != nil {
		return nil, err
	}
	s, err := seedThroughServices(ctx, db, runID, cfg.members)
	dialect := db.Dialect
	db.Close()
	if err != nil {
		return nil, err
	}

	cmd := exec.Command(bin, "serve")
	cmd.Env = childEnv(cfg.databaseURL, dataDir, cfg.serverEnv)
	// The server dies with this process even if it is killed.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting kith serve: %w", err)
	}
	exited := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(exited) }()
	t := &target{
		Kind: "child process", Dialect: dialect, PID: cmd.Process.Pid,
		BoardID: strconv.Itoa(s.BoardID), Tokens: s.Tokens,
		gc: &gcWatcher{}, logs: &lineRing{max: 40},
	}
	t.stop = func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	}
	go t.gc.consume(stderr, t.logs)

	addr := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`Kith is running at (http://\S+)`)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case addr <- strings.TrimSuffix(m[1], "/"):
				default:
				}
			}
		}
	}()
	select {
	case t.Base = <-addr:
	case <-exited:
		return nil, fmt.Errorf("kith serve exited before listening (%v); its last lines:\n%s", waitErr, t.logs)
	case <-time.After(30 * time.Second):
		t.Close()
		return nil, fmt.Errorf("kith serve did not report its address within 30s; its last lines:\n%s", t.logs)
	case <-ctx.Done():
		t.Close()
		return nil, ctx.Err()
	}
	if err := waitReady(ctx, t.Base); err != nil {
		t.Close()
		return nil, fmt.Errorf("%w; its last lines:\n%s", err, t.logs)
	}
	return t, nil
}

// childEnv is this process's environment without Kith's own settings, plus
// those of the server under test and extra. GODEBUG=gctrace=1 makes the
// child report its live heap after every collection; a GODEBUG in extra is
// added to it.
func childEnv(databaseURL, dataDir string, extra []string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "KITH_") || k == "DATABASE_URL" || k == "SMTP_URL" || k == "GODEBUG" {
			continue
		}
		env = append(env, kv)
	}
	godebug := "gctrace=1"
	for _, kv := range extra {
		if v, ok := strings.CutPrefix(kv, "GODEBUG="); ok {
			godebug += "," + v
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"KITH_ADDR=127.0.0.1:0",
		"KITH_ENV=production",
		"KITH_DATA_DIR="+dataDir,
		"GODEBUG="+godebug,
	)
	if databaseURL != "" {
		env = append(env, "DATABASE_URL="+databaseURL)
	}
	return env
}

func goCommand() string {
	if g := os.Getenv("GO"); g != "" {
		return g
	}
	return "go"
}

// startInProcess runs the server inside this process, built as `kith serve`
// builds it (without the job runner and the web app).
func startInProcess(ctx context.Context, cfg config, workDir, runID string) (*target, error) {
	db, err := openAndMigrate(ctx, cfg.databaseURL, filepath.Join(workDir, "data"))
	if err != nil {
		return nil, err
	}
	history.Register(db.Client)
	s, err := seedThroughServices(ctx, db, runID, cfg.members)
	if err != nil {
		db.Close()
		return nil, err
	}
	var bus *pubsub.Bus
	if db.URL != "" {
		if bus, err = pubsub.NewPostgresBus(db.URL, nil); err != nil {
			db.Close()
			return nil, err
		}
	} else {
		bus = pubsub.NewMemoryBus()
	}
	srv := server.New(server.Config{
		Logger: slog.New(slog.DiscardHandler),
		Ready:  db.SQL.PingContext,
	}, app.Services(db, bus, auth.NewHasher(auth.OWASPParams), clock.System{}))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		bus.Close()
		db.Close()
		return nil, err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: 64 << 10}
	go hs.Serve(ln) //nolint:errcheck // ends with Close below
	t := &target{
		Kind: "in-process", Dialect: db.Dialect, Base: "http://" + ln.Addr().String(), PID: os.Getpid(),
		BoardID: strconv.Itoa(s.BoardID), Tokens: s.Tokens,
	}
	t.stop = func() {
		hs.Close()
		bus.Close()
		db.Close()
	}
	if err := waitReady(ctx, t.Base); err != nil {
		t.Close()
		return nil, err
	}
	return t, nil
}

// useExternal targets a running server: it signs members up through the API
// and finds a public board members may post on, unless one is given.
func useExternal(ctx context.Context, cfg config, runID string) (*target, error) {
	base := strings.TrimSuffix(cfg.url, "/")
	if err := waitReady(ctx, base); err != nil {
		return nil, err
	}
	t := &target{Kind: "external", Base: base, BoardID: cfg.board}
	gql := &gqlClient{base: base, hc: &http.Client{Timeout: 30 * time.Second}}
	if t.BoardID == "" {
		var d struct {
			Boards struct {
				Edges []struct {
					Node struct{ ID, ReadAccess, PostAccess string }
				}
			}
		}
		if err := gql.do(ctx, "", `{ boards(first: 100) { edges { node { id readAccess postAccess } } } }`, nil, &d); err != nil {
			return nil, fmt.Errorf("listing boards: %w", err)
		}
		for _, e := range d.Boards.Edges {
			if e.Node.ReadAccess == "PUBLIC" && e.Node.PostAccess == "MEMBERS" {
				t.BoardID = e.Node.ID
				break
			}
		}
		if t.BoardID == "" {
			return nil, errors.New("the server has no public board that members post on: create one or pass -board")
		}
	}
	for i := range cfg.members {
		var d struct{ SignUp struct{ Token string } }
		vars := map[string]any{"i": map[string]any{
			"email": fmt.Sprintf("loadtest-%s-%d@example.com", runID, i), "password": randomPassword(), "name": fmt.Sprintf("Load tester %d", i),
		}}
		if err := gql.do(ctx, "", `mutation($i: SignUpInput!) { signUp(input: $i) { token } }`, vars, &d); err != nil {
			return nil, fmt.Errorf("signing up member %d: %w", i, err)
		}
		t.Tokens = append(t.Tokens, d.SignUp.Token)
	}
	return t, nil
}

// waitReady polls /readyz for up to 20 seconds.
func waitReady(ctx context.Context, base string) error {
	deadline := time.Now().Add(20 * time.Second)
	hc := &http.Client{Timeout: 2 * time.Second}
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/readyz", nil)
		resp, err := hc.Do(req)
		if err == nil {
			io.Copy(io.Discard, resp.Body) //nolint:errcheck
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("status %d", resp.StatusCode)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s/readyz: %w", base, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// gqlClient posts GraphQL operations.
type gqlClient struct {
	base string
	hc   *http.Client
}

// do posts query with an optional bearer token and decodes data into out;
// any GraphQL error is an error.
func (c *gqlClient) do(ctx context.Context, token, query string, vars map[string]any, out any) error {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/query", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return err
	}
	var r struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return fmt.Errorf("status %d, body %.200q: %w", resp.StatusCode, raw, err)
	}
	if len(r.Errors) > 0 {
		return fmt.Errorf("status %d: %s", resp.StatusCode, r.Errors[0].Message)
	}
	if out != nil {
		return json.Unmarshal(r.Data, out)
	}
	return nil
}

// scrape reads the server's /metrics.
func (c *gqlClient) scrape(ctx context.Context) (metrics, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/metrics", nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("/metrics: status %d", resp.StatusCode)
	}
	return parseMetrics(resp.Body)
}

// gcWatcher keeps the GC trace lines a child writes to its standard error.
type gcWatcher struct {
	mu     sync.Mutex
	traces []gcTrace
}

// consume reads r to its end, keeping GC traces and passing other lines to logs.
func (w *gcWatcher) consume(r io.Reader, logs *lineRing) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if t, ok := parseGCTrace(line); ok {
			t.At = time.Now()
			w.mu.Lock()
			if len(w.traces) == 1000 {
				w.traces = append(w.traces[:0], w.traces[500:]...)
			}
			w.traces = append(w.traces, t)
			w.mu.Unlock()
			continue
		}
		logs.add(line)
	}
}

// firstAfter returns the first collection that ended after t.
func (w *gcWatcher) firstAfter(t time.Time) (gcTrace, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, g := range w.traces {
		if g.At.After(t) {
			return g, true
		}
	}
	return gcTrace{}, false
}

// between counts the collections that ended between from and to.
func (w *gcWatcher) between(from, to time.Time) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, g := range w.traces {
		if g.At.After(from) && !g.At.After(to) {
			n++
		}
	}
	return n
}

// lastBefore returns the last collection that ended before t.
func (w *gcWatcher) lastBefore(t time.Time) (gcTrace, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for i := len(w.traces) - 1; i >= 0; i-- {
		if w.traces[i].At.Before(t) {
			return w.traces[i], true
		}
	}
	return gcTrace{}, false
}

// lineRing keeps the last max lines written to it.
type lineRing struct {
	mu    sync.Mutex
	max   int
	lines []string
}

func (r *lineRing) add(line string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.lines) == r.max {
		r.lines = r.lines[1:]
	}
	r.lines = append(r.lines, line)
}

func (r *lineRing) String() string {
	if r == nil {
		return ""
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.lines, "\n")
}

func randomPassword() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
