package main

import (
	"context"
	"slices"
	"testing"

	"github.com/pion/rtcp"
)

// A clip of six frames with keyframes at 0 and 3 (VP8: bit 0 of the first byte clear on a keyframe).
func testClip() *clip {
	c := &clip{width: 160, height: 90}
	for i, key := range []bool{true, false, false, true, false, false} {
		tag := byte(1)
		if key {
			tag = 0
			c.keyframes = append(c.keyframes, i)
		}
		c.frames = append(c.frames, []byte{tag, byte(i)})
	}
	return c
}

func nextFrame(t *testing.T, p *clipPlayer) int {
	t.Helper()
	s, err := p.NextSample(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(s.Data[1])
}

func TestPlayerLoopsAndStartsAtAKeyframePerBot(t *testing.T) {
	c := testClip()
	if got := nextFrame(t, newClipPlayer(c, 1, 15)); got != 3 {
		t.Fatalf("bot 1 starts at frame %d, want the second keyframe (3)", got)
	}
	p := newClipPlayer(c, 0, 15)
	var seen []int
	for range 8 {
		seen = append(seen, nextFrame(t, p))
	}
	if want := []int{0, 1, 2, 3, 4, 5, 0, 1}; !slices.Equal(seen, want) {
		t.Fatalf("frames %v, want %v", seen, want)
	}
}

func TestPictureLossSkipsToTheNextKeyframe(t *testing.T) {
	p := newClipPlayer(testClip(), 0, 15)
	nextFrame(t, p) // 0
	p.onRTCP(&rtcp.PictureLossIndication{})
	if got := nextFrame(t, p); got != 3 {
		t.Fatalf("after a PLI frame %d, want keyframe 3", got)
	}
	nextFrame(t, p) // 4
	p.onRTCP(&rtcp.FullIntraRequest{})
	if got := nextFrame(t, p); got != 0 {
		t.Fatalf("after a FIR past the last keyframe frame %d, want keyframe 0", got)
	}
	if got := nextFrame(t, p); got != 1 {
		t.Fatalf("then frame %d, want 1 (one skip a request)", got)
	}
}
