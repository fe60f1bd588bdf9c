# option rules=NonInteractiveInstall
FROM fedora:40 AS unused
RUN dnf install tar

FROM fedora:40
# want NonInteractiveInstall fixed: dnf install without -y waits for a confirmation.*\| added `-y` after `install`
RUN dnf install curl && dnf clean all
RUN dnf -y install curl
RUN dnf install --assumeyes curl
RUN yum -qy install curl
RUN dnf --setopt=assumeyes=True install curl
RUN dnf install -x yum-utils -y tar
# want NonInteractiveInstall fixed: yum remove without -y
RUN yum remove vim-minimal
# want NonInteractiveInstall fixed: dnf group install without -y.*added `-y` after `install`
RUN dnf group install "Development Tools"
# want NonInteractiveInstall fixed: dnf install without -y
RUN dnf --setopt install_weak_deps=False install tar
RUN dnf makecache && dnf list installed && dnf info bash && dnf clean all
RUN dnf $DNF_OPTS install tar
# want NonInteractiveInstall fixed: tdnf install without -y
RUN sudo tdnf install tar
# want NonInteractiveInstall fixed: yum install
# want NonInteractiveInstall fixed: yum remove
RUN yum install tar && yum remove vim-minimal
# want NonInteractiveInstall fixed: yum install
RUN yum \
    install \
      tar
# want NonInteractiveInstall warning: microdnf install without -y: microdnf 3.6.*not rewritten: older microdnf
RUN microdnf install shadow-utils
RUN microdnf install -y shadow-utils
# want NonInteractiveInstall error: yum install without -y.*inside a quoted `sh -c` string
RUN sh -c 'yum install tar'
# want NonInteractiveInstall error: dnf install without -y.*not rewritten: heredoc
RUN <<EOF
dnf install tar
EOF
# want NonInteractiveInstall error: dnf upgrade without -y.*not rewritten: exec-form
RUN ["dnf", "upgrade"]

# want NonInteractiveInstall fixed: zypper install without -n \(--non-interactive\).*\| added `-n` after `zypper`
RUN zypper install curl
RUN zypper -n install curl
RUN zypper --non-interactive in curl
RUN zypper install -y curl
RUN zypper in --no-confirm curl
# want NonInteractiveInstall fixed: zypper in without -n
RUN zypper in -n curl
# want NonInteractiveInstall fixed: zypper update without -n
RUN zypper --root /target update
RUN zypper -n refresh && zypper search curl && zypper lr
# want NonInteractiveInstall error: zypper install without -n.*exec-form
RUN ["zypper", "install", "curl"]
USER 10001
