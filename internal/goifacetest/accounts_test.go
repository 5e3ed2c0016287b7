package goifacetest

import (
	"context"
	"iter"
	"reflect"
	"testing"
	"time"

	"github.com/wsgen/wsgen/runtime"
	accountsv1 "github.com/wsgen/wsgen/testdata/goservices/accounts"
)

// accounts implements the golden Accounts service.
type accounts struct{}

func (accounts) Open(ctx context.Context, r *accountsv1.OpenRequest) (*accountsv1.Account, error) {
	a := &accountsv1.Account{ID: 1, Email: r.Email, Opened: time.Unix(1, 0).UTC(), Trial: time.Hour}
	if r.Tier != nil {
		a.Tier = *r.Tier
	}
	for tier, notes := range r.Notes {
		a.Limits = append(a.Limits, int32(tier)*100+int32(len(notes)))
	}
	a.Related = []*accountsv1.Account{{ID: 2}}
	return a, nil
}

func (accounts) Import(ctx context.Context, reqs iter.Seq2[*accountsv1.OpenRequest, error]) (*accountsv1.ImportSummary, error) {
	s := &accountsv1.ImportSummary{}
	for r, err := range reqs {
		if err != nil {
			return nil, err
		}
		if r.Email == "" {
			s.Rejected = append(s.Rejected, r.Owner)
			continue
		}
		s.Opened++
	}
	return s, nil
}

// TestAccounts runs the second golden package (explicit ids, a package
// name unlike its directory) over the runtime.
func TestAccounts(t *testing.T) {
	srv := runtime.NewServer()
	if err := accountsv1.RegisterAccountsServer(srv, accounts{}); err != nil {
		t.Fatal(err)
	}
	l := runtime.NewMemListener()
	served := make(chan struct{})
	go func() {
		defer close(served)
		srv.Serve(l)
	}()
	defer func() {
		srv.Close()
		<-served
	}()
	cc, err := runtime.Dial(context.Background(), "ws://mem/", runtime.WithContextDialer(l.DialContext))
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	var c accountsv1.Accounts = accountsv1.NewAccountsClient(cc)
	if !accountsv1.AccountsServiceDesc.Methods[0].Idempotent {
		t.Error("Open is not marked idempotent")
	}
	pro := accountsv1.TierPro
	a, err := c.Open(context.Background(), &accountsv1.OpenRequest{Email: "e@x", Tier: &pro,
		Notes: map[accountsv1.Tier][]string{accountsv1.TierEnterprise: {"a", "b"}}})
	want := &accountsv1.Account{ID: 1, Email: "e@x", Tier: pro, Opened: time.Unix(1, 0).UTC(), Trial: time.Hour,
		Limits: []int32{202}, Related: []*accountsv1.Account{{ID: 2}}}
	if err != nil || !reflect.DeepEqual(a, want) {
		t.Fatalf("Open = %+v, %v\nwant %+v", a, err, want)
	}
	reqs := func(yield func(*accountsv1.OpenRequest, error) bool) {
		_ = yield(&accountsv1.OpenRequest{Email: "a"}, nil) &&
			yield(&accountsv1.OpenRequest{Owner: "nobody"}, nil) &&
			yield(&accountsv1.OpenRequest{Email: "b"}, nil)
	}
	s, err := c.Import(context.Background(), reqs)
	if err != nil || !reflect.DeepEqual(s, &accountsv1.ImportSummary{Opened: 2, Rejected: []string{"nobody"}}) {
		t.Fatalf("Import = %+v, %v", s, err)
	}
}
