# option rules=NonNumericUser
# option numeric-user=true
FROM debian:12 AS base
RUN groupadd --gid 10001 app \
 && useradd --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app

FROM base
# want NonNumericUser warning: USER app names a user, not a numeric UID: Kubernetes runAsNonRoot cannot verify.*\| write `USER 10001`: line 4 creates app with UID 10001
USER app
