# option rules=NonNumericUser
# option numeric-user=true
FROM busybox:1.36
# want NonNumericUser warning: USER nobody names a user.*\| write `USER 65534`, the UID nobody has
USER nobody
