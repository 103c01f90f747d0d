#!/usr/bin/env bash
# Creates GesprekTool's database and login role on a PostgreSQL server and prints the connection
# string for /etc/gesprektool/gesprektool.env. Run as a superuser (for example `sudo -u postgres`);
# standard PG* variables (PGHOST, PGPORT, PGUSER) choose the server. The password is generated
# here and shown once; it is never written to a file by this script.
#   deploy/postgres/setup.sh [DATABASE] [ROLE] [APP_HOST_FOR_CONNECTION_STRING]
set -euo pipefail
database=${1:-gesprektool}
role=${2:-gesprektool}
host=${3:-${PGHOST:-localhost}}
password=$(openssl rand -base64 32 | tr -d '/+=' | cut -c1-32)

psql -v ON_ERROR_STOP=1 -q -d postgres -v role="$role" -v password="$password" -v database="$database" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'role', :'password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8'' TEMPLATE template0', :'database', :'role')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'database') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'database') \gexec
SQL
# The app creates its tables itself (numbered migrations) as the owner of the database.
psql -v ON_ERROR_STOP=1 -q -d "$database" -c "REVOKE ALL ON SCHEMA public FROM PUBLIC; GRANT ALL ON SCHEMA public TO \"$role\";"

echo "ConnectionStrings__GesprekTool=Host=$host;Port=${PGPORT:-5432};Database=$database;Username=$role;Password=$password"
