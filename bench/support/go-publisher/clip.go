package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/webrtc/v4/pkg/media"
	"github.com/pion/webrtc/v4/pkg/media/ivfreader"
)

// clip is the whole pre-encoded loop in memory (a few hundred KB), shared read-only by every bot.
type clip struct {
	frames        [][]byte
	keyframes     []int // indexes into frames
	width, height int
}

// isVP8Keyframe reads the frame tag's inverted key-frame bit (RFC 6386, section 9.1).
func isVP8Keyframe(frame []byte) bool { return len(frame) > 0 && frame[0]&1 == 0 }

func loadClip(path string) (*clip, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	reader, header, err := ivfreader.NewWith(f)
	if err != nil {
		return nil, err
	}
	if string(header.FourCC[:]) != "VP80" {
		return nil, fmt.Errorf("%s is %q, not VP8", path, header.FourCC[:])
	}
	c := &clip{width: int(header.Width), height: int(header.Height)}
	for {
		frame, _, err := reader.ParseNextFrame()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if isVP8Keyframe(frame) {
			c.keyframes = append(c.keyframes, len(c.frames))
		}
		c.frames = append(c.frames, frame)
	}
	if len(c.frames) == 0 || !isVP8Keyframe(c.frames[0]) {
		return nil, fmt.Errorf("%s does not start with a keyframe", path)
	}
	return c, nil
}

// keyframeFrom is the first keyframe at or after frame i, wrapping to the clip's first frame.
func (c *clip) keyframeFrom(i int) int {
	for _, k := range c.keyframes {
		if k >= i {
			return k
		}
	}
	return 0
}

// clipPlayer is one bot's lksdk.SampleProvider: the clip's frames in a loop, one per Duration.
// The SDK's LocalTrack hands RTCP to onRTCP and does nothing itself on a picture loss indication
// (PLI/FIR), and a pre-encoded clip cannot make a keyframe on demand; so on one the player skips
// ahead to the clip's next keyframe (every frame after a VP8 keyframe depends only on frames since
// it). A subscriber LiveKit has just added asks for one, and so sees video within a frame.
type clipPlayer struct {
	clip      *clip
	duration  time.Duration
	next      int // touched only by NextSample, which the SDK calls from one goroutine
	wantsSync atomic.Bool
}

// newClipPlayer starts bot number n at one of the clip's keyframes, so tiles are not all alike.
func newClipPlayer(c *clip, n int, fps int) *clipPlayer {
	return &clipPlayer{clip: c, duration: time.Second / time.Duration(fps), next: c.keyframes[n%len(c.keyframes)]}
}

func (p *clipPlayer) NextSample(ctx context.Context) (media.Sample, error) {
	if p.wantsSync.Swap(false) {
		p.next = p.clip.keyframeFrom(p.next)
	}
	frame := p.clip.frames[p.next]
	p.next = (p.next + 1) % len(p.clip.frames)
	return media.Sample{Data: frame, Duration: p.duration}, nil
}

// OnBind: a new binding (first publish, or after a reconnect) starts at a keyframe.
func (p *clipPlayer) OnBind() error   { p.wantsSync.Store(true); return nil }
func (p *clipPlayer) OnUnbind() error { return nil }
func (p *clipPlayer) Close() error    { return nil }

func (p *clipPlayer) onRTCP(packet rtcp.Packet) {
	switch packet.(type) {
	case *rtcp.PictureLossIndication, *rtcp.FullIntraRequest:
		p.wantsSync.Store(true)
	}
}
