# option rules=HardcodedUID
FROM alpine:3.19 AS unused
RUN chown -R 1000:1000 /app

FROM alpine:3.19 AS build
# want HardcodedUID warning: chown 1000:1000 ties the files to UID 1000 and its group: under an arbitrary UID with group 0 \(OpenShift\) the process cannot write them \| give the files group 0 and the owner's rights: `chown -R 1000:0 /app && chmod -R g=u /app`
RUN mkdir /app && chown -R 1000:1000 /app
# want HardcodedUID warning: chown 1001.1001 ties the files to UID 1001
RUN chown 1001.1001 /data
# want HardcodedUID warning: chown 1000:app ties
RUN ["chown", "-R", "1000:app", "/srv"]
# want HardcodedUID warning: chown 1000: ties
RUN sh -c 'chown 1000: /home/u'
# want HardcodedUID warning: COPY --chown=1000:1000 ties the files to UID 1000.*\| use `COPY --chown=1000:0`
COPY --chown=1000:1000 src/ /app/
# want HardcodedUID warning: COPY --chown=1000 ties
COPY --chown=1000 src/ /app/
ARG UID=1001 GID=1001
# want HardcodedUID warning: ADD --chown=1001:1001 ties
ADD --chown=${UID}:${GID} conf/ /etc/app/
# want HardcodedUID warning: chown 1001:1001 ties the files to UID 1001.*`chown -R 1001:0 /app && chmod -R g=u /app`
RUN chown -R ${UID}:${GID} /app
# want HardcodedUID warning: chown 1001:1001 ties
RUN chown "$UID:$GID" /quoted
# none of these
RUN chown -R 1000:0 /app && chmod -R g=u /app
RUN chown -R 1000:root /app
RUN chown app:app /app
RUN chown 0:0 /app && chown root:root /x && chown 00:1000 /y
RUN chown 1000 /app
RUN chown --reference=/etc/passwd /app
RUN chown -R $NOT_SET:$GID /app "${UID}:${GID}"
RUN chown $(id -u):0 /x && chown ${UID:-5}:1 /y && chown '$UID:$GID' /z
RUN echo chown 1000:1000 /app
COPY --chown=1000:0 src/ /app/
COPY --chown=app:app src/ /app/
COPY --chown=0 src/ /app/

FROM scratch
COPY --from=build / /
