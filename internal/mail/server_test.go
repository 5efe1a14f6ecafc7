package mail

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log"
	"math/big"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// remoteName is a host name that is not localhost, so the client treats the
// connection as going over a real network; tests dial it to 127.0.0.1.
const remoteName = "mail.example.test"

// received is one message as the test server saw it.
type received struct {
	from     string
	to       []string
	data     []byte
	tls      bool
	authUser string
}

// testServerConfig chooses what the test server offers.
type testServerConfig struct {
	// users, when non-nil, makes the server offer AUTH PLAIN for them.
	users map[string]string
	// requireAuth rejects MAIL FROM before a successful AUTH.
	requireAuth bool
	// startTLS, when set, makes the server offer STARTTLS.
	startTLS *tls.Config
	// implicitTLS, when set, makes the server speak TLS from the first byte.
	implicitTLS *tls.Config
}

// testServer is a real SMTP server on 127.0.0.1 recording what it receives.
type testServer struct {
	port int

	mu           sync.Mutex
	msgs         []received
	authAttempts []string
}

// startTestServer starts an SMTP server on 127.0.0.1:0 that stops with the
// test. Plain-text AUTH is allowed because it only ever listens on loopback.
func startTestServer(t *testing.T, cfg testServerConfig) *testServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	ts := &testServer{port: ln.Addr().(*net.TCPAddr).Port}

	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &testHandler{srv: ts, cfg: cfg, conn: c}, nil
	}))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	srv.ErrorLog = log.New(io.Discard, "", 0)
	srv.TLSConfig = cfg.startTLS
	if cfg.implicitTLS != nil {
		ln = tls.NewListener(ln, cfg.implicitTLS)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, smtp.ErrServerClosed) {
			t.Errorf("serve: %v", err)
		}
	}()
	t.Cleanup(func() {
		_ = srv.Close()
		// Close misses a listener that Serve has not registered yet.
		_ = ln.Close()
		<-done
	})
	return ts
}

func (ts *testServer) messages() []received {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]received(nil), ts.msgs...)
}

func (ts *testServer) authUsers() []string {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]string(nil), ts.authAttempts...)
}

// testHandler handles one client connection of testServer.
type testHandler struct {
	srv    *testServer
	cfg    testServerConfig
	conn   *smtp.Conn
	authed string
	from   string
	to     []string
}

func (s *testHandler) AuthMechanisms() []string {
	if s.cfg.users == nil {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *testHandler) Auth(mech string) (sasl.Server, error) {
	if s.cfg.users == nil || mech != sasl.Plain {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(_, username, password string) error {
		s.srv.mu.Lock()
		s.srv.authAttempts = append(s.srv.authAttempts, username)
		s.srv.mu.Unlock()
		if want, ok := s.cfg.users[username]; !ok || want != password {
			return smtp.ErrAuthFailed
		}
		s.authed = username
		return nil
	}), nil
}

func (s *testHandler) Mail(from string, _ *smtp.MailOptions) error {
	if s.cfg.requireAuth && s.authed == "" {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *testHandler) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}

func (s *testHandler) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	_, isTLS := s.conn.TLSConnectionState()
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	s.srv.msgs = append(s.srv.msgs, received{
		from:     s.from,
		to:       append([]string(nil), s.to...),
		data:     data,
		tls:      isTLS,
		authUser: s.authed,
	})
	return nil
}

func (s *testHandler) Reset() {
	s.from = ""
	s.to = nil
}

func (s *testHandler) Logout() error { return nil }

// testTLS holds a self-signed certificate for 127.0.0.1, localhost and
// remoteName, with matching server and client configurations.
type testTLS struct {
	server *tls.Config
	client *tls.Config
}

var testCert = sync.OnceValues(func() (testTLS, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return testTLS{}, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "kith test SMTP server"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		DNSNames:              []string{"localhost", remoteName},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return testTLS{}, err
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return testTLS{}, err
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return testTLS{
		server: &tls.Config{
			Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}},
			MinVersion:   tls.VersionTLS12,
		},
		client: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12},
	}, nil
})

func mustTestCert(t *testing.T) testTLS {
	t.Helper()
	c, err := testCert()
	if err != nil {
		t.Fatalf("test certificate: %v", err)
	}
	return c
}

// parsedMail is a received message decoded the way a mail client would.
type parsedMail struct {
	header  netmail.Header
	subject string
	text    string
	html    string
}

// parseMail decodes raw message data: the RFC 2047 subject, and the
// quoted-printable text and HTML parts of a single or multipart/alternative
// body. Line endings are normalised to "\n".
func parseMail(t *testing.T, data []byte) parsedMail {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("parse received message: %v\n%s", err, data)
	}
	var dec mime.WordDecoder
	subject, err := dec.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatalf("decode subject: %v", err)
	}
	p := parsedMail{header: msg.Header, subject: subject}

	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatalf("parse Content-Type: %v", err)
	}
	addPart := func(mediaType, encoding string, body io.Reader) {
		if strings.EqualFold(encoding, "quoted-printable") {
			body = quotedprintable.NewReader(body)
		}
		b, err := io.ReadAll(body)
		if err != nil {
			t.Fatalf("read %s part: %v", mediaType, err)
		}
		s := strings.ReplaceAll(string(b), "\r\n", "\n")
		switch mediaType {
		case "text/plain":
			p.text = s
		case "text/html":
			p.html = s
		default:
			t.Fatalf("unexpected part type %q", mediaType)
		}
	}
	if !strings.HasPrefix(mediaType, "multipart/") {
		addPart(mediaType, msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
		return p
	}
	if mediaType != "multipart/alternative" {
		t.Fatalf("Content-Type = %q, want multipart/alternative", mediaType)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("read multipart: %v", err)
		}
		partType, _, err := mime.ParseMediaType(part.Header.Get("Content-Type"))
		if err != nil {
			t.Fatalf("parse part Content-Type: %v", err)
		}
		addPart(partType, part.Header.Get("Content-Transfer-Encoding"), part)
	}
	return p
}

// silentServer accepts TCP connections on 127.0.0.1:0 and, after writing
// greeting (which may be empty), never answers: a server that hangs.
type silentServer struct {
	port     int
	mu       sync.Mutex
	accepted int
}

func startSilentServer(t *testing.T, greeting string) *silentServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	s := &silentServer{port: ln.Addr().(*net.TCPAddr).Port}
	var (
		wg    sync.WaitGroup
		conns []net.Conn
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.accepted++
			conns = append(conns, c)
			s.mu.Unlock()
			if greeting != "" {
				_, _ = io.WriteString(c, greeting)
			}
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		wg.Wait()
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return s
}

func (s *silentServer) acceptedCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.accepted
}
