package mail

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"
)

const (
	// defaultSubmissionPort is the message submission port (RFC 6409), used
	// for smtp:// URLs without a port.
	defaultSubmissionPort = 587

	// defaultImplicitTLSPort is the submissions port (RFC 8314), used for
	// smtps:// URLs without a port.
	defaultImplicitTLSPort = 465

	// defaultTimeout bounds each step of a delivery when the caller's context
	// has no sooner deadline, so a stuck server cannot hold a request forever.
	defaultTimeout = 30 * time.Second
)

// preferredAuth lists the SASL mechanisms to try, strongest first. PLAIN and
// LOGIN refuse to send a password over a connection that is neither TLS nor to
// localhost, so offering them here never leaks credentials in clear text.
var preferredAuth = []gomail.SMTPAuthType{
	gomail.SMTPAuthSCRAMSHA256,
	gomail.SMTPAuthSCRAMSHA1,
	gomail.SMTPAuthPlain,
	gomail.SMTPAuthLogin,
	gomail.SMTPAuthCramMD5,
}

// SMTPSender delivers messages to an SMTP server. It opens one connection per
// Send and keeps no state between calls, so it is safe for concurrent use.
type SMTPSender struct {
	host        string
	port        int
	implicitTLS bool
	username    string
	password    string
	from        string
	fromDomain  string
	redacted    string

	// tlsConfig, when set, replaces the default (system roots, host name
	// verification) so tests can trust their own certificate.
	tlsConfig *tls.Config
	// dial, when set, replaces the network dialer so tests can reach a local
	// server under a name that is not localhost.
	dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

// NewSMTPSender returns a sender for the server named by rawURL, sending as
// from (an address, optionally with a display name).
//
// rawURL has the form smtp://user:pass@host:port or smtps://user:pass@host:port;
// special characters in the user or password must be percent-encoded. smtps
// uses TLS from the first byte (default port 465). smtp upgrades with STARTTLS
// when the server offers it and otherwise talks in clear text, so a local
// development server works (default port 587). Without a user no
// authentication is attempted; with one, Send fails rather than deliver
// unauthenticated if the server offers no usable mechanism, and a password is
// never sent in clear text to a host other than localhost.
//
// NewSMTPSender returns an error for an empty or malformed URL, an unknown
// scheme, a missing host, a bad port, a user without a password, a path, query
// or fragment, or an invalid from address. The errors never contain the
// password.
func NewSMTPSender(rawURL string, from string) (*SMTPSender, error) {
	s, err := parseSMTPURL(rawURL)
	if err != nil {
		return nil, err
	}
	if err := checkFrom(from); err != nil {
		return nil, err
	}
	addr, _ := netmail.ParseAddress(from)
	s.from = from
	s.fromDomain = addr.Address[strings.LastIndexByte(addr.Address, '@')+1:]
	return s, nil
}

// checkFrom reports why from cannot be a sender address.
func checkFrom(from string) error {
	if strings.TrimSpace(from) == "" {
		return errors.New("mail: sender address is empty")
	}
	if strings.ContainsAny(from, "\r\n") {
		return errors.New("mail: sender address contains a line break")
	}
	if _, err := netmail.ParseAddress(from); err != nil {
		return fmt.Errorf("mail: sender address %q: %v", from, err)
	}
	return nil
}

// parseSMTPURL reads the connection settings out of rawURL. Its errors name
// the problem but never echo the URL, which would carry the password.
func parseSMTPURL(rawURL string) (*SMTPSender, error) {
	if strings.TrimSpace(rawURL) == "" {
		return nil, errors.New("mail: SMTP_URL is empty")
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("mail: SMTP_URL is not a valid URL: %s", urlErrorReason(err))
	}

	s := &SMTPSender{}
	switch u.Scheme {
	case "smtp":
		s.port = defaultSubmissionPort
	case "smtps":
		s.implicitTLS = true
		s.port = defaultImplicitTLSPort
	case "":
		return nil, errors.New("mail: SMTP_URL has no scheme; want smtp://host:port or smtps://host:port")
	default:
		return nil, fmt.Errorf("mail: SMTP_URL scheme %q is not supported; want smtp://host:port or smtps://host:port", u.Scheme)
	}
	if u.Opaque != "" {
		return nil, errors.New("mail: SMTP_URL must look like smtp://host:port (the // is missing)")
	}

	s.host = u.Hostname()
	if s.host == "" {
		return nil, errors.New("mail: SMTP_URL has no host")
	}
	if p := u.Port(); p != "" {
		port, err := strconv.Atoi(p)
		if err != nil || port < 1 || port > 65535 {
			return nil, fmt.Errorf("mail: SMTP_URL port %q is not a number from 1 to 65535", p)
		}
		s.port = port
	} else if strings.HasSuffix(u.Host, ":") {
		return nil, errors.New("mail: SMTP_URL has an empty port")
	}

	if u.Path != "" && u.Path != "/" {
		return nil, errors.New("mail: SMTP_URL must not have a path")
	}
	if u.RawQuery != "" || u.ForceQuery {
		return nil, errors.New("mail: SMTP_URL must not have a query")
	}
	if u.Fragment != "" {
		return nil, errors.New("mail: SMTP_URL must not have a fragment")
	}

	if u.User != nil {
		s.username = u.User.Username()
		password, hasPassword := u.User.Password()
		if s.username == "" {
			return nil, errors.New("mail: SMTP_URL has credentials but an empty user")
		}
		if !hasPassword {
			return nil, errors.New("mail: SMTP_URL has a user but no password")
		}
		s.password = password
	}
	s.redacted = u.Redacted()
	return s, nil
}

// urlErrorReason describes a url.Parse failure without the URL itself.
func urlErrorReason(err error) string {
	var escErr url.EscapeError
	if errors.As(err, &escErr) {
		// The bad escape may sit inside the password, so it is not quoted.
		return "malformed percent-encoding (percent-encode special characters in the user and password)"
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return urlErr.Err.Error()
	}
	return "cannot parse"
}

// String returns the server URL with the password masked, so that logging or
// printing a sender never reveals it.
func (s *SMTPSender) String() string {
	return s.redacted
}

// Send delivers m over a new SMTP connection.
//
// The context bounds the whole delivery: when it ends, the connection is
// closed at once, whatever step is under way, and the error wraps ctx.Err().
// Without a deadline each step is still bounded by a generous timeout. An
// unusable message returns an error wrapping ErrInvalidMessage before any
// connection is made; refused connections, TLS failures, failed or impossible
// authentication and rejected recipients return the server's or network's
// error.
func (s *SMTPSender) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("mail: send via %s: %w", s.addr(), err)
	}
	if err := m.validate(); err != nil {
		return err
	}
	msg, err := s.buildMsg(m)
	if err != nil {
		return err
	}

	var conns connSet
	// The connection is closed here whatever happened: go-mail leaves it open
	// when the greeting, STARTTLS or AUTH fails.
	defer conns.closeAll()

	client, err := gomail.NewClient(s.host, s.clientOptions(ctx, &conns)...)
	if err != nil {
		return fmt.Errorf("mail: configure SMTP client: %w", err)
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return fmt.Errorf("mail: send via %s: %w: %w", s.addr(), ctxErr, err)
		}
		return fmt.Errorf("mail: send via %s: %w", s.addr(), err)
	}
	return nil
}

// buildMsg turns a validated Message into a MIME message.
func (s *SMTPSender) buildMsg(m Message) (*gomail.Msg, error) {
	// The library's default User-Agent would advertise its name and version
	// to every recipient.
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.From(s.from); err != nil {
		return nil, fmt.Errorf("mail: sender address: %w", err)
	}
	// The default Message-ID names this machine, often a container's
	// random host name; the sender's domain is stable and is what spam
	// filters expect.
	msg.SetMessageIDWithValue(rand.Text() + "@" + s.fromDomain)
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("%w: recipient: %v", ErrInvalidMessage, err)
	}
	msg.Subject(m.Subject)
	for name, value := range m.Headers {
		msg.SetGenHeader(gomail.Header(name), value)
	}
	switch {
	case m.Text != "" && m.HTML != "":
		msg.SetBodyString(gomail.TypeTextPlain, m.Text)
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	case m.Text != "":
		msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	default:
		msg.SetBodyString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}

// clientOptions configures a go-mail client for one delivery bound to ctx.
func (s *SMTPSender) clientOptions(ctx context.Context, conns *connSet) []gomail.Option {
	opts := []gomail.Option{
		gomail.WithPort(s.port),
		gomail.WithTimeout(defaultTimeout),
		gomail.WithTLSConfig(s.tlsClientConfig()),
		gomail.WithDialContextFunc(s.dialFunc(ctx, conns)),
	}
	if s.implicitTLS {
		// The dialer below performs the handshake: go-mail leaves TLS to a
		// custom dialer, and it must not try STARTTLS inside TLS.
		opts = append(opts, gomail.WithSSL())
	} else {
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if s.username != "" {
		opts = append(opts,
			gomail.WithOpportunisticSMTPAuth(preferredAuth...),
			gomail.WithUsername(s.username),
			gomail.WithPassword(s.password),
		)
	}
	return opts
}

// tlsClientConfig returns the TLS settings for both STARTTLS and implicit TLS.
func (s *SMTPSender) tlsClientConfig() *tls.Config {
	if s.tlsConfig != nil {
		cfg := s.tlsConfig.Clone()
		if cfg.ServerName == "" {
			cfg.ServerName = s.host
		}
		return cfg
	}
	return &tls.Config{ServerName: s.host, MinVersion: tls.VersionTLS12}
}

// dialFunc returns a dialer whose connections die with ctx. go-mail bounds
// each SMTP command by its own fixed timeout rather than by the caller's
// context, so closing the socket when ctx ends is what makes a deadline or a
// cancellation interrupt a read or write that is already waiting.
func (s *SMTPSender) dialFunc(ctx context.Context, conns *connSet) gomail.DialContextFunc {
	return func(dialCtx context.Context, network, _ string) (net.Conn, error) {
		dial := s.dial
		if dial == nil {
			var d net.Dialer
			dial = d.DialContext
		}
		// go-mail joins host and port without brackets, which breaks IPv6
		// literals, so the address is built here instead.
		addr := s.addr()
		raw, err := dial(dialCtx, network, addr)
		if err != nil {
			return nil, err
		}
		conns.add(ctx, raw)
		if !s.implicitTLS {
			return raw, nil
		}
		tlsConn := tls.Client(raw, s.tlsClientConfig())
		if err := tlsConn.HandshakeContext(dialCtx); err != nil {
			return nil, fmt.Errorf("TLS handshake with %s: %w", addr, err)
		}
		return tlsConn, nil
	}
}

// addr returns host:port for error messages.
func (s *SMTPSender) addr() string {
	return net.JoinHostPort(s.host, strconv.Itoa(s.port))
}

// connSet tracks the raw connections of one delivery so they can be closed
// when the caller's context ends and, in any case, when the delivery is over.
type connSet struct {
	mu    sync.Mutex
	conns []net.Conn
	stops []func() bool
}

// add registers conn and arranges for it to be closed as soon as ctx ends.
func (c *connSet) add(ctx context.Context, conn net.Conn) {
	stop := context.AfterFunc(ctx, func() { _ = conn.Close() })
	c.mu.Lock()
	defer c.mu.Unlock()
	c.conns = append(c.conns, conn)
	c.stops = append(c.stops, stop)
}

// closeAll closes every tracked connection. Closing one that a QUIT already
// closed is harmless, so the errors are of no interest.
func (c *connSet) closeAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, conn := range c.conns {
		c.stops[i]()
		_ = conn.Close()
	}
	c.conns, c.stops = nil, nil
}
