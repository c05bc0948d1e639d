package main

import (
	"sync"
	"time"

	"github.com/livekit/protocol/livekit"
	lksdk "github.com/livekit/server-sdk-go/v2"
	"github.com/pion/webrtc/v4"
)

// swarm holds the bots by identity; each bot is its own Room connection.
type swarm struct {
	clip   *clip
	fps    int
	mu     sync.Mutex
	rooms  map[string]*lksdk.Room
	joined int // bots ever joined: picks each one's start in the clip
}

func newSwarm(c *clip, fps int) *swarm {
	return &swarm{clip: c, fps: fps, rooms: map[string]*lksdk.Room{}}
}

func (s *swarm) size() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.rooms)
}

// joinAll joins the bots at once, as video-bots.ts does; bot-swarm's callers send a few at a time.
func (s *swarm) joinAll(url string, bots []botSpec) ([]string, []failure) {
	errs := make([]error, len(bots))
	var wg sync.WaitGroup
	for i, b := range bots {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.join(url, b)
		}()
	}
	wg.Wait()
	joined, failed := []string{}, []failure{}
	for i, b := range bots {
		if errs[i] != nil {
			failed = append(failed, failure{ID: b.ID, Error: errs[i].Error()})
		} else {
			joined = append(joined, b.ID)
		}
	}
	return joined, failed
}

// join retries like video-bots.ts: on a loaded machine a connection now and then times out.
func (s *swarm) join(url string, b botSpec) error {
	var err error
	for attempt := 1; attempt <= 3; attempt++ {
		if err = s.joinOnce(url, b); err == nil {
			return nil
		}
		time.Sleep(time.Duration(attempt) * 500 * time.Millisecond)
	}
	return err
}

func (s *swarm) joinOnce(url string, b botSpec) error {
	room, err := lksdk.ConnectToRoomWithToken(url, b.Token, lksdk.NewRoomCallback(), lksdk.WithAutoSubscribe(false))
	if err != nil {
		return err
	}
	if b.Camera {
		if err := s.publishCamera(room); err != nil {
			room.Disconnect()
			return err
		}
	}
	s.mu.Lock()
	s.rooms[b.ID] = room
	s.mu.Unlock()
	return nil
}

// publishCamera publishes one camera track (one layer, no simulcast) named as the node bots name
// theirs, fed from the clip by the SDK's write loop at the swarm's frame rate.
func (s *swarm) publishCamera(room *lksdk.Room) error {
	s.mu.Lock()
	start := s.joined
	s.joined++
	s.mu.Unlock()
	player := newClipPlayer(s.clip, start, s.fps)
	codec := webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeVP8, ClockRate: 90000}
	track, err := lksdk.NewLocalSampleTrack(codec, lksdk.WithRTCPHandler(player.onRTCP))
	if err != nil {
		return err
	}
	// Before publishing: the track starts the write loop itself once it is bound.
	if err := track.StartWrite(player, nil); err != nil {
		return err
	}
	_, err = room.LocalParticipant.PublishTrack(track, &lksdk.TrackPublicationOptions{
		Name:        "camera",
		Source:      livekit.TrackSource_CAMERA,
		VideoWidth:  s.clip.width,
		VideoHeight: s.clip.height,
	})
	return err
}

func (s *swarm) leave(ids []string) {
	var wg sync.WaitGroup
	for _, id := range ids {
		s.mu.Lock()
		room := s.rooms[id]
		delete(s.rooms, id)
		s.mu.Unlock()
		if room != nil {
			wg.Add(1)
			go func() {
				defer wg.Done()
				room.Disconnect()
			}()
		}
	}
	wg.Wait()
}

func (s *swarm) leaveAll() {
	s.mu.Lock()
	ids := make([]string, 0, len(s.rooms))
	for id := range s.rooms {
		ids = append(ids, id)
	}
	s.mu.Unlock()
	s.leave(ids)
}
