# option rules=FullUpgrade
FROM debian:12 AS unused
RUN apt-get upgrade -y

FROM debian:12
# want FullUpgrade warning: apt-get upgrade upgrades every package of the base image.*\| remove the upgrade; pin the base image by digest and rebuild
RUN apt-get update && apt-get upgrade -y
# want FullUpgrade warning: apt-get dist-upgrade upgrades every package
RUN apt-get -y dist-upgrade
# want FullUpgrade warning: apt full-upgrade upgrades every package
RUN apt full-upgrade -y
RUN apt-get install -y --only-upgrade openssl
RUN apt-get install --update -y curl
# want FullUpgrade warning: apk upgrade upgrades every package
RUN apk upgrade --no-cache
RUN apk upgrade --no-cache openssl
RUN apk add --upgrade openssl
# want FullUpgrade warning: yum update upgrades every package
RUN yum -y update
RUN yum -y update openssl
# want FullUpgrade warning: dnf upgrade upgrades every package
RUN dnf upgrade -y --refresh
# want FullUpgrade warning: dnf distro-sync upgrades
RUN dnf -y distro-sync
RUN dnf -y upgrade $PACKAGES
# want FullUpgrade warning: microdnf update upgrades
RUN microdnf update -y
# want FullUpgrade warning: zypper dup upgrades
RUN zypper -n dup
# want FullUpgrade warning: zypper up upgrades
RUN zypper -n up
RUN zypper -n up openssl
# want FullUpgrade warning: apt-get upgrade upgrades
RUN ["apt-get", "upgrade", "-y"]
