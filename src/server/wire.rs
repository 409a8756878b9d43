//! How a client and the store server talk over the store's Unix socket:
//! length-prefixed frames. The handshake is JSON and carries the protocol
//! version, so that a client and a server of different versions can always
//! read each other's first message and refuse each other with a message
//! saying which one to update. Everything after it is postcard, a compact
//! binary form of the same serde types: a region store's records decode
//! several times faster than from JSON, which is what a dashboard's first
//! frame and every listing through the server wait for.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::io::{self, Read, Write};

/// The version of the messages below and of the protocol module. A change
/// that an older peer could misread raises it (2: postcard after the
/// handshake; 3: dates and times as numbers, `domain::model::days`, and the
/// store's high-water marks of numbers issued, per kind. Protocol 3 first
/// carried the note mark alone (`NotesIssued`, a count); it was never
/// released, so its request changed shape to all kinds without raising the
/// version again; 4: the records a dashboard starts with as two byte
/// strings, see `protocol::Records`; 5: as three, the cases apart, and
/// `Request::HeldAt`).
pub const PROTOCOL: u32 = 5;

/// The largest frame either side accepts: a whole region-scale store
/// (10,000 cases, 100,000 notes) is well below it; a broken or hostile peer
/// cannot make the other allocate more.
pub const MAX_FRAME: u32 = 256 << 20;

#[derive(Debug, thiserror::Error)]
pub enum WireError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("frame of {0} bytes is larger than the limit")]
    TooLarge(u64),
    #[error("unreadable handshake: {0}")]
    Handshake(#[from] serde_json::Error),
    #[error("unreadable message: {0}")]
    Decode(#[from] postcard::Error),
}

/// Write one handshake message ([`Hello`], [`Greeting`]) as a JSON frame.
pub fn write_frame<T: Serialize>(w: &mut impl Write, msg: &T) -> Result<(), WireError> {
    write_body(w, &serde_json::to_vec(msg)?)
}

/// Read one handshake message; `Ok(None)` when the peer closed the stream
/// between frames (a clean goodbye), an error when it closed in the middle.
pub fn read_frame<T: DeserializeOwned>(r: &mut impl Read) -> Result<Option<T>, WireError> {
    match read_body(r)? {
        Some(body) => Ok(Some(serde_json::from_slice(&body)?)),
        None => Ok(None),
    }
}

/// Write one message after the handshake: encoded straight after room for
/// the frame's length, and written in one go.
pub fn write_message<T: Serialize>(w: &mut impl Write, msg: &T) -> Result<(), WireError> {
    let mut frame = postcard::to_extend(msg, vec![0; 4])?;
    let len = frame_len(frame.len() - 4)?;
    frame[..4].copy_from_slice(&len.to_be_bytes());
    w.write_all(&frame)?;
    w.flush()?;
    Ok(())
}

/// Write one message that ends in a byte string whose contents are given
/// apart, as `tail` (in pieces, one after the other), and written as they
/// are, not copied into the frame first (the records a dashboard starts
/// with: some 9 MB at region scale, which the server keeps encoded). `msg` is
/// the message with an empty byte string in that place. The frame is byte
/// for byte what [`write_message`] makes of the message with the tail in
/// it: postcard writes a byte string as its length, a varint, and then its
/// bytes, so the empty one is the message's last byte, a 0, which becomes
/// the tail's length. The caller holds the stream for all the writes, so no
/// other frame comes between them.
pub fn write_message_with_tail<T: Serialize>(
    w: &mut impl Write,
    msg: &T,
    tail: &[&[u8]],
) -> Result<(), WireError> {
    let tail_len: usize = tail.iter().map(|piece| piece.len()).sum();
    let mut frame = postcard::to_extend(msg, vec![0; 4])?;
    if frame.pop() != Some(0) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the message does not end in an empty byte string",
        )
        .into());
    }
    let mut varint = [0u8; 10];
    frame.extend_from_slice(postcard::to_slice(&(tail_len as u64), &mut varint)?);
    let len = frame_len(frame.len() - 4 + tail_len)?;
    frame[..4].copy_from_slice(&len.to_be_bytes());
    w.write_all(&frame)?;
    for piece in tail {
        w.write_all(piece)?;
    }
    w.flush()?;
    Ok(())
}

/// A frame body's length as its header says it, if within the limit.
fn frame_len(len: usize) -> Result<u32, WireError> {
    u32::try_from(len)
        .ok()
        .filter(|n| *n <= MAX_FRAME)
        .ok_or(WireError::TooLarge(len as u64))
}

/// Read one message after the handshake; `Ok(None)` as [`read_frame`].
pub fn read_message<T: DeserializeOwned>(r: &mut impl Read) -> Result<Option<T>, WireError> {
    match read_body(r)? {
        Some(body) => Ok(Some(postcard::from_bytes(&body)?)),
        None => Ok(None),
    }
}

/// One frame: 4 bytes big-endian length, then the body.
fn write_body(w: &mut impl Write, body: &[u8]) -> Result<(), WireError> {
    let len = frame_len(body.len())?;
    // One write for header and body, so a frame is never interleaved with
    // another thread's on the same stream.
    let mut frame = Vec::with_capacity(4 + body.len());
    frame.extend_from_slice(&len.to_be_bytes());
    frame.extend_from_slice(body);
    w.write_all(&frame)?;
    w.flush()?;
    Ok(())
}

fn read_body(r: &mut impl Read) -> Result<Option<Body>, WireError> {
    let mut header = [0u8; 4];
    let mut got = 0;
    while got < 4 {
        match r.read(&mut header[got..]) {
            Ok(0) if got == 0 => return Ok(None),
            Ok(0) => return Err(io::Error::from(io::ErrorKind::UnexpectedEof).into()),
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    let len = u32::from_be_bytes(header);
    if len > MAX_FRAME {
        return Err(WireError::TooLarge(len.into()));
    }
    let mut body = Body::new(len as usize)?;
    r.read_exact(&mut body)?;
    Ok(Some(body))
}

/// A frame's body as read. A large one (the records a dashboard starts
/// with, 9 MB at region scale) gets memory of its own, which the kernel may
/// back with huge pages: reading it into fresh 4 KiB pages took two
/// thousand page faults, a sixth of a dashboard's first frame. Given back
/// to the system as soon as the message is decoded.
enum Body {
    Small(Vec<u8>),
    /// The body is `len` bytes from `from`, where the first huge page
    /// (2 MiB) begins: the mapping is that much longer than the body.
    Large {
        map: memmap2::MmapMut,
        from: usize,
        len: usize,
    },
}

/// The size of a huge page on the systems that have them (x86-64, arm64).
const HUGE_PAGE: usize = 2 << 20;

/// From this size on a body is [`Body::Large`].
const LARGE: usize = 1 << 20;

impl Body {
    fn new(len: usize) -> io::Result<Body> {
        if len < LARGE {
            return Ok(Body::Small(vec![0; len]));
        }
        let map = memmap2::MmapMut::map_anon(len + HUGE_PAGE)?;
        let from = (map.as_ptr() as usize).next_multiple_of(HUGE_PAGE) - map.as_ptr() as usize;
        // Only advice: where huge pages are not to be had, 4 KiB ones do.
        // Nothing is touched before the read, so the pages before `from`
        // and after the body are never made.
        #[cfg(target_os = "linux")]
        let _ = map.advise(memmap2::Advice::HugePage);
        Ok(Body::Large { map, from, len })
    }
}

impl std::ops::Deref for Body {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Body::Small(v) => v,
            Body::Large { map, from, len } => &map[*from..*from + *len],
        }
    }
}

impl std::ops::DerefMut for Body {
    fn deref_mut(&mut self) -> &mut [u8] {
        match self {
            Body::Small(v) => v,
            Body::Large { map, from, len } => &mut map[*from..*from + *len],
        }
    }
}

/// The first message of a client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hello {
    pub protocol: u32,
    /// The client's mandaat version, for the message when protocols differ.
    pub mandaat: String,
}

impl Hello {
    pub fn now() -> Hello {
        Hello {
            protocol: PROTOCOL,
            mandaat: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// The server's answer to [`Hello`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Greeting {
    Welcome {
        protocol: u32,
        mandaat: String,
        server_pid: u32,
        /// Who the server takes the client to be (from the socket).
        you: String,
        /// Who else has the store open.
        present: Vec<String>,
    },
    Refused(Refusal),
}

/// Why a server will not serve a client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// Client and server speak different protocols.
    Protocol {
        client: u32,
        server: u32,
        server_mandaat: String,
    },
    /// The user is neither the store's owner nor in its sharing group.
    NotAllowed {
        user: String,
        owner: String,
        group: Option<String>,
    },
}

/// Which side has to be updated when protocols differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outdated {
    Client,
    Server,
}

impl Refusal {
    pub fn outdated(&self) -> Option<Outdated> {
        match self {
            Refusal::Protocol { client, server, .. } if client < server => Some(Outdated::Client),
            Refusal::Protocol { .. } => Some(Outdated::Server),
            Refusal::NotAllowed { .. } => None,
        }
    }
}

/// The server's check of a client's [`Hello`].
pub fn check_protocol(hello: &Hello) -> Result<(), Refusal> {
    match hello.protocol == PROTOCOL {
        true => Ok(()),
        false => Err(Refusal::Protocol {
            client: hello.protocol,
            server: PROTOCOL,
            server_mandaat: env!("CARGO_PKG_VERSION").to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn a_frame_round_trips() {
        let mut buf = Vec::new();
        write_frame(&mut buf, &Hello::now()).unwrap();
        write_frame(&mut buf, &"second").unwrap();
        let mut r = Cursor::new(buf);
        assert_eq!(read_frame::<Hello>(&mut r).unwrap(), Some(Hello::now()));
        assert_eq!(
            read_frame::<String>(&mut r).unwrap().as_deref(),
            Some("second")
        );
        assert!(read_frame::<String>(&mut r).unwrap().is_none());
    }

    #[test]
    fn a_message_with_its_tail_apart_is_the_same_frame() {
        #[derive(Serialize)]
        struct Msg<'a>(
            u64,
            Option<&'a str>,
            #[serde(with = "serde_bytes")] &'a [u8],
        );
        // Lengths that take one, two and three bytes as a varint.
        for n in [0usize, 5, 127, 128, 300, 20_000] {
            let tail: Vec<u8> = (0..n).map(|i| (i % 251) as u8).collect();
            let mut whole = Vec::new();
            write_message(&mut whole, &Msg(7, Some("x"), &tail)).unwrap();
            let mut apart = Vec::new();
            let (a, b) = tail.split_at(n / 3);
            write_message_with_tail(&mut apart, &Msg(7, Some("x"), &[]), &[a, b]).unwrap();
            assert_eq!(apart, whole, "tail of {n} bytes");
        }
        // A message that does not end in an empty byte string is refused.
        let mut out = Vec::new();
        assert!(write_message_with_tail(&mut out, &Msg(7, None, b"y"), &[b"z"]).is_err());
        assert!(out.is_empty());
    }

    #[test]
    fn a_stream_cut_inside_a_frame_is_an_error_not_a_goodbye() {
        let mut buf = Vec::new();
        write_frame(&mut buf, &"a message").unwrap();
        for cut in [2, 6] {
            let mut r = Cursor::new(buf[..cut].to_vec());
            assert!(read_frame::<String>(&mut r).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn an_oversized_length_is_refused_before_allocating() {
        let mut r = Cursor::new((MAX_FRAME + 1).to_be_bytes().to_vec());
        assert!(matches!(
            read_frame::<String>(&mut r),
            Err(WireError::TooLarge(n)) if n == u64::from(MAX_FRAME) + 1
        ));
    }

    #[test]
    fn a_client_of_another_protocol_is_told_which_side_to_update() {
        assert_eq!(check_protocol(&Hello::now()), Ok(()));
        let older = Hello {
            protocol: PROTOCOL - 1,
            mandaat: "0.0.1".into(),
        };
        let refusal = check_protocol(&older).unwrap_err();
        assert_eq!(refusal.outdated(), Some(Outdated::Client));
        let newer = Hello {
            protocol: PROTOCOL + 1,
            mandaat: "9.0.0".into(),
        };
        assert_eq!(
            check_protocol(&newer).unwrap_err().outdated(),
            Some(Outdated::Server)
        );
    }
}
