//! Who is on the other end of the store's socket, and whether they may use the
//! store. The identity comes from the kernel (`SO_PEERCRED`), never from what a
//! client says about itself: it is what the server records as the author.

use nix::sys::socket::{getsockopt, sockopt::PeerCredentials};
use nix::unistd::{Gid, Group, Uid, User, getgrouplist};
use std::ffi::CString;
use std::os::unix::net::UnixStream;

/// A connected process, as the kernel knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Peer {
    pub uid: u32,
    pub pid: i32,
    /// The login name of `uid`, or `uid 1234` when it has none.
    pub user: String,
}

/// The process on the other end of `stream`.
pub fn peer_of(stream: &UnixStream) -> std::io::Result<Peer> {
    let cred = getsockopt(stream, PeerCredentials).map_err(std::io::Error::from)?;
    Ok(Peer {
        uid: cred.uid(),
        pid: cred.pid(),
        user: user_name(cred.uid()),
    })
}

/// The login name of `uid`, or `uid N` for a number without one.
pub fn user_name(uid: u32) -> String {
    match User::from_uid(Uid::from_raw(uid)) {
        Ok(Some(user)) => user.name,
        _ => format!("uid {uid}"),
    }
}

/// A named group a store is shared with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharingGroup {
    pub name: String,
    pub gid: u32,
}

impl SharingGroup {
    /// The group called `name`, if the system has one.
    pub fn named(name: &str) -> Option<SharingGroup> {
        let group = Group::from_name(name).ok()??;
        Some(SharingGroup {
            name: group.name,
            gid: group.gid.as_raw(),
        })
    }
}

/// Who may use a store: the user who runs its server, and the members of the
/// group it is shared with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Access {
    pub owner_uid: u32,
    pub group: Option<SharingGroup>,
}

impl Access {
    /// Whether `uid` may use the store. Membership is read from the system's
    /// group database each time, so adding a colleague to the group needs no
    /// restart of the server.
    pub fn allows(&self, uid: u32) -> bool {
        if uid == self.owner_uid {
            return true;
        }
        let Some(group) = &self.group else {
            return false;
        };
        member_of(uid, group.gid)
    }
}

/// Whether the user `uid` is in group `gid`, as primary or supplementary group.
pub fn member_of(uid: u32, gid: u32) -> bool {
    let Ok(Some(user)) = User::from_uid(Uid::from_raw(uid)) else {
        return false;
    };
    if user.gid.as_raw() == gid {
        return true;
    }
    let Ok(name) = CString::new(user.name) else {
        return false;
    };
    getgrouplist(&name, user.gid)
        .map(|groups| groups.contains(&Gid::from_raw(gid)))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_peer_is_this_process_on_a_socket_pair() {
        let (a, _b) = UnixStream::pair().unwrap();
        let peer = peer_of(&a).unwrap();
        assert_eq!(peer.uid, Uid::current().as_raw());
        assert_eq!(peer.pid, std::process::id() as i32);
        assert_eq!(peer.user, user_name(peer.uid));
    }

    #[test]
    fn a_uid_without_a_name_is_shown_as_its_number() {
        // Far above any uid a system hands out.
        assert_eq!(user_name(3_999_999_999), "uid 3999999999");
    }

    #[test]
    fn the_owner_gets_in_and_a_stranger_does_not() {
        let me = Uid::current().as_raw();
        let access = Access {
            owner_uid: me,
            group: None,
        };
        assert!(access.allows(me));
        assert!(!access.allows(3_999_999_999));
    }

    #[test]
    fn a_member_of_the_sharing_group_gets_in() {
        let me = Uid::current().as_raw();
        let my_group = User::from_uid(Uid::current()).unwrap().unwrap().gid;
        // Someone else runs the server; the store is shared with my group.
        let shared = Access {
            owner_uid: 3_999_999_999,
            group: Some(SharingGroup {
                name: "test".into(),
                gid: my_group.as_raw(),
            }),
        };
        assert!(shared.allows(me));
        let other_group = Access {
            owner_uid: 3_999_999_999,
            group: Some(SharingGroup {
                name: "nobody-here".into(),
                gid: 3_999_999_998,
            }),
        };
        assert!(!other_group.allows(me));
    }

    #[test]
    fn an_unknown_group_name_is_none() {
        assert_eq!(SharingGroup::named("mandaat-no-such-group-xyz"), None);
    }
}
