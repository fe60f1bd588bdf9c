# option rules=MissingHealthcheck
FROM php:8.3-fpm
# want MissingHealthcheck warning: CMD starts the server php-fpm8.3
CMD ["php-fpm8.3", "-F"]
