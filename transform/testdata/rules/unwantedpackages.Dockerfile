# option rules=UnwantedPackages
FROM debian:12 AS build
RUN apt-get install -y vim sudo

FROM debian:12 AS base
# want UnwantedPackages warning: apt-get install openssh-server puts openssh-server in the shipped image: an SSH server
RUN apt-get install -y --no-install-recommends openssh-server

FROM base
# want UnwantedPackages error: apt-get install sudo puts sudo in the shipped image: it lets the container's user become root
RUN apt-get install -y sudo
# want UnwantedPackages warning: apt-get install vim puts vim in the shipped image: images are rebuilt
# want UnwantedPackages warning: apt-get install nano puts nano
RUN apt-get install -y -t bookworm-backports vim=2:9.0.1378-2 nano
RUN apt-get install -y ./sudo_1.9.13_amd64.deb /tmp/vim.deb
RUN apt-get install -y emacs && emacs --version && apt-get purge -y emacs
RUN apt-get install -y emacs-nox
RUN apt-get purge -y emacs-nox
# want UnwantedPackages warning: apt-get install ssh puts ssh
RUN apt-get install -y ssh
# want UnwantedPackages warning: apk add openssh puts openssh
RUN apk add --no-cache openssh
RUN apk add --no-cache openssh-client
# want UnwantedPackages warning: apk add dropbear puts dropbear
RUN apk add dropbear=2022.83-r1
# want UnwantedPackages error: yum install sudo-1.9.5p2 puts sudo-1.9.5p2
RUN yum install -y sudo-1.9.5p2
# want UnwantedPackages warning: dnf install systemd puts systemd in the shipped image: a container runs
RUN dnf install -y systemd.x86_64
# want UnwantedPackages warning: zypper install vim puts vim
RUN zypper -n install vim
RUN dnf install -y openssh openssh-clients
RUN apt-get install -y $EXTRA_PACKAGES && apt-get download sudo
RUN apk add --virtual .tmp vim && apk del .tmp
RUN pip install sudo
USER 10001
