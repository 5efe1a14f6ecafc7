package server_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kith-crm/kith/internal/kithtest"
	"github.com/kith-crm/kith/internal/testdb"
)

func TestProbe(t *testing.T) {
	db := testdb.Open(t, testdb.Dialects()[0])
	env := kithtest.Start(t, db, kithtest.Options{})
	do := func(name, method, path, ct, accept, body string) {
		req, _ := http.NewRequest(method, env.URL+path, strings.NewReader(body))
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			fmt.Println(name, err)
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if len(b) > 400 {
			b = append(b[:400], "..."...)
		}
		fmt.Printf("== %s: %d %q allow=%q\n%s\n", name, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Allow"), b)
	}
	j := "application/json"
	g := "application/graphql-response+json"
	do("malformed", "POST", "/query", j, "", `{"query":`)
	do("empty body", "POST", "/query", j, "", ``)
	do("query number", "POST", "/query", j, "", `{"query":1}`)
	do("variables string", "POST", "/query", j, "", `{"query":"{me{id}}","variables":"x"}`)
	do("missing query", "POST", "/query", j, "", `{}`)
	do("missing query g", "POST", "/query", j, g, `{}`)
	do("unknown field", "POST", "/query", j, "", `{"query":"{nope}"}`)
	do("unknown field g", "POST", "/query", j, g, `{"query":"{nope}"}`)
	do("parse err", "POST", "/query", j, "", `{"query":"{"}`)
	do("wrong var", "POST", "/query", j, "", `{"query":"query($n:Int){customers(first:$n){totalCount}}","variables":{"n":"abc"}}`)
	do("text/plain", "POST", "/query", "text/plain", "", `{"query":"{me{id}}"}`)
	do("no ct", "POST", "/query", "", "", `{"query":"{me{id}}"}`)
	do("get mutation", "GET", "/query?query=mutation{logOut}", "", "", ``)
	do("get query", "GET", "/query?query={me{id}}", "", g, ``)
	do("get no query", "GET", "/query", "", "", ``)
	do("first 101", "POST", "/query", j, "", `{"query":"{customers(first:101){totalCount}}"}`)
	do("complexity", "POST", "/query", j, g, `{"query":"{customers(first:100){edges{node{orders(first:100){edges{node{customer{orders(first:100){totalCount}}}}}}}}}"}`)
	do("opname", "POST", "/query", j, "", `{"query":"query A{me{id}} query B{__typename}","operationName":"B"}`)
	do("opname missing", "POST", "/query", j, "", `{"query":"query A{me{id}} query B{__typename}"}`)
	do("head", "HEAD", "/query", "", "", ``)
	do("put", "PUT", "/query", j, "", `{}`)
	do("deep", "POST", "/query", j, "", `{"query":"`+strings.Repeat("{a", 400000)+`"}`)
	do("apq miss", "POST", "/query", j, g, `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}`)
	do("node garbage", "POST", "/query", j, "", `{"query":"{node(id:\"abc\"){id}}"}`)
	do("node big", "POST", "/query", j, "", `{"query":"{node(id:\"99999999999999999999999\"){id}}"}`)
	do("cursor garbage", "POST", "/query", j, "", `{"query":"{posts(after:\"!!!notbase64\"){totalCount}}"}`)
	do("cursor garbage2", "POST", "/query", j, "", `{"query":"{posts(after:\"YWJj\"){totalCount}}"}`)
	do("int overflow", "POST", "/query", j, "", `{"query":"{posts(first:99999999999999){totalCount}}"}`)
	do("int overflow var", "POST", "/query", j, "", `{"query":"query($n:Int){posts(first:$n){totalCount}}","variables":{"n":99999999999999}}`)
	do("bad enum", "POST", "/query", j, "", `{"query":"{posts(orderBy:{field:NOPE,direction:ASC}){totalCount}}"}`)
	do("bad enum var", "POST", "/query", j, "", `{"query":"query($o:PostOrder){posts(orderBy:$o){totalCount}}","variables":{"o":{"field":"NOPE"}}}`)
	do("introspection", "POST", "/query", j, "", `{"query":"{__schema{types{name}}}"}`)
	do("QUERY key", "POST", "/query", j, "", `{"QUERY":1}`)
	do("big var", "POST", "/query", j, "", `{"query":"query($i:SignUpInput!){signUp(input:$i){token}}","variables":{"i":{"email":"x@y.z","password":"`+strings.Repeat("p", 900000)+`","name":"n"}}}`)
	http.DefaultClient.Timeout = 20*time.Second
	var fb strings.Builder
	fb.WriteString("query{...F0}")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&fb, " fragment F%d on Query{...F%d ...F%d}", i, i+1, i+1)
	}
	fb.WriteString(" fragment F40 on Query{__typename}")
	st := time.Now()
	do("frag bomb", "POST", "/query", j, "", `{"query":"`+fb.String()+`"}`)
	fmt.Println("frag bomb took", time.Since(st))
	do("post subscription", "POST", "/query", j, "", `{"query":"subscription{postAdded{id}}"}`)
	do("field err", "POST", "/query", j, g, `{"query":"{ me { id } settings { timeZone } }"}`)
}
