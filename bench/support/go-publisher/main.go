// A process holding many LiveKit participants that publish a pre-encoded VP8 clip as their camera,
// looped, without encoding anything: the big-room benchmark's load at a fraction of the CPU of the
// rtc-node bots, which encode every frame live (issue 11). It speaks video-bots.ts's line protocol
// (BotCommand in, BotReply out, one JSON object a line, each command answered before the next is
// read), so bot-swarm.ts drives either. Built with the clip by go-publisher.ts.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"syscall"
	"time"

	protoLogger "github.com/livekit/protocol/logger"
	lksdk "github.com/livekit/server-sdk-go/v2"
)

type botSpec struct {
	ID     string `json:"id"`
	Token  string `json:"token"`
	Camera bool   `json:"camera"`
}

type command struct {
	Cmd  string    `json:"cmd"`
	URL  string    `json:"url"`
	Bots []botSpec `json:"bots"`
	IDs  []string  `json:"ids"`
}

type failure struct {
	ID    string `json:"id"`
	Error string `json:"error"`
}

type joinReply struct {
	Cmd    string    `json:"cmd"`
	Joined []string  `json:"joined"`
	Failed []failure `json:"failed"`
}

type leaveReply struct {
	Cmd  string   `json:"cmd"`
	Left []string `json:"left"`
}

type usageReply struct {
	Cmd        string `json:"cmd"`
	CPUMicros  int64  `json:"cpuMicros"`
	WallMicros int64  `json:"wallMicros"`
	Bots       int    `json:"bots"`
}

type errorReply struct {
	Cmd   string `json:"cmd"`
	Error string `json:"error"`
}

var started = time.Now()

// cpuMicros is this process's user and system CPU time, as process.cpuUsage() gives the node bots.
func cpuMicros() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return ru.Utime.Nano()/1000 + ru.Stime.Nano()/1000
}

func handle(s *swarm, c command) any {
	switch c.Cmd {
	case "join":
		joined, failed := s.joinAll(c.URL, c.Bots)
		return joinReply{Cmd: "join", Joined: joined, Failed: failed}
	case "leave":
		s.leave(c.IDs)
		return leaveReply{Cmd: "leave", Left: c.IDs}
	case "usage":
		wall := time.Since(started).Microseconds()
		return usageReply{Cmd: "usage", CPUMicros: cpuMicros(), WallMicros: wall, Bots: s.size()}
	default:
		return errorReply{Cmd: "error", Error: fmt.Sprintf("unknown command %q", c.Cmd)}
	}
}

func main() {
	clipPath := flag.String("clip", "", "IVF file of VP8 frames, first frame a keyframe")
	fps := flag.Int("fps", 15, "frames sent per second by each bot")
	flag.Parse()
	// Warnings and errors only, on stderr: stdout carries the replies. Not pion's ICE warnings: the
	// test stack's STUN server is LiveKit's own UDP port (scripts/stack/livekit-config.ts), which
	// answers no stranger's binding request, so every gathering logs a harmless time-out.
	config := &protoLogger.Config{Level: "warn", ComponentLevels: map[string]string{"pion.ice": "error"}}
	if l, err := protoLogger.NewZapLogger(config); err == nil {
		lksdk.SetLogger(l)
	}
	c, err := loadClip(*clipPath)
	if err != nil || *fps <= 0 {
		fmt.Fprintf(os.Stderr, "go-publisher: clip %q, fps %d: %v\n", *clipPath, *fps, err)
		os.Exit(2)
	}
	s := newSwarm(c, *fps)
	out := json.NewEncoder(os.Stdout)
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 64*1024), 16*1024*1024) // a join line carries a token per bot
	for in.Scan() {
		var c command
		var reply any
		if err := json.Unmarshal(in.Bytes(), &c); err != nil {
			reply = errorReply{Cmd: "error", Error: err.Error()}
		} else {
			reply = handle(s, c)
		}
		if err := out.Encode(reply); err != nil {
			fmt.Fprintf(os.Stderr, "go-publisher: writing a reply: %v\n", err)
			os.Exit(1)
		}
	}
	// stdin closed: bot-swarm.ts is stopping the swarm.
	s.leaveAll()
}
