// Package sharedclose holds rueidis clients closed by functions that do
// not own them.
package sharedclose

import (
	"net/http"

	"github.com/redis/rueidis"
	"github.com/redis/rueidis/rueidislock"
)

// Reported.

func closeNodes(client rueidis.Client) {
	for _, node := range client.Nodes() {
		node.Close() // want `node.Close\(\) closes a client from Nodes, which the client it came from owns`
	}
}

func closeOneNode(client rueidis.Client, addr string) {
	if node, ok := client.Nodes()[addr]; ok {
		node.Close() // want `node.Close\(\) closes a client from Nodes`
	}
}

func closeLockerClient(locker rueidislock.Locker) {
	locker.Client().Close() // want `closes a client from Client`
}

type api struct{ client rueidis.Client }

func (a *api) handle(w http.ResponseWriter, r *http.Request) {
	defer a.client.Close() // want `this HTTP handler closes a.client, a field it does not own`
}

// Silent.

func (a *api) Close() { a.client.Close() }

func own() error {
	client, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{"127.0.0.1:6379"}})
	if err != nil {
		return err
	}
	defer client.Close()
	return nil
}

func countNodes(client rueidis.Client) int { return len(client.Nodes()) }

func lockerClosed(locker rueidislock.Locker) { locker.Close() }
