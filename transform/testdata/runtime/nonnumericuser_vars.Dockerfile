# option rules=NonNumericUser
# option numeric-user=true
FROM debian:12
ARG user=jenkins
ARG uid=1000
ARG gid=1000
RUN groupadd -g ${gid} ${user} \
  && useradd -d /home/jenkins -u ${uid} -g ${gid} -m -s /bin/bash ${user}
# want NonNumericUser warning: USER jenkins names a user.*\| write `USER 1000`: line 7 creates jenkins with UID 1000
USER ${user}
