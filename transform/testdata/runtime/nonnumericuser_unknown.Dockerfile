# option rules=NonNumericUser
# option numeric-user=true
FROM alpine:3.19
RUN adduser -D web
# want NonNumericUser warning: USER web names a user.*\| create the user with a fixed UID \(`useradd --uid 10001 web`\) and write `USER 10001`
USER web
