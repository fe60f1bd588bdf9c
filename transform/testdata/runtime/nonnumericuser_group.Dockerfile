# option rules=NonNumericUser
# option numeric-user=true
FROM alpine:3.19
ARG NAME=svc
RUN addgroup -S svc && adduser -S -D -H -u 10002 -G svc svc
# want NonNumericUser warning: USER svc:svc names a user.*\| write `USER 10002`: line 5 creates svc with UID 10002
USER ${NAME}:svc
