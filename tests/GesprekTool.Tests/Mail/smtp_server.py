"""The organisation's mail relay in the mail tests: Python's aiosmtpd (Debian python3-aiosmtpd) on
127.0.0.1 with STARTTLS (a throwaway certificate the test makes) and AUTH (required, over TLS only).
Every accepted message is stored as an .eml file in FOLDER, with the envelope recipients in a
sidecar file. Addresses listed in REFUSE get 550. While a file "hold" exists next to FOLDER, a
message is stored and then its answer waits until the file is gone (the test kills the app in that
moment, when the relay has the message and the app does not know it yet). Started and stopped by the test
(TestInfrastructure/SmtpServer.cs). Never used outside the tests.
    python3 smtp_server.py PORT FOLDER CERT KEY USER PASSWORD [REFUSE,...]
"""
import asyncio
import os
import ssl
import sys
import threading
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

port, folder, cert, key, user, password = sys.argv[1:7]
refused = set(filter(None, (sys.argv[7] if len(sys.argv) > 7 else "").split(",")))
hold = os.path.join(os.path.dirname(os.path.abspath(folder)), "hold")


class Store:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = uuid.uuid4().hex
        with open(os.path.join(folder, name + ".eml"), "wb") as message:
            message.write(envelope.original_content)
        with open(os.path.join(folder, name + ".rcpt"), "w") as recipients:
            recipients.write("\n".join(envelope.rcpt_tos))
        if os.path.exists(hold):
            open(hold + "-reached", "w").close()
            while os.path.exists(hold):
                await asyncio.sleep(0.05)
        return "250 Message accepted for delivery"


def authenticate(server, session, envelope, mechanism, auth_data):
    if isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password:
        return AuthResult(success=True)
    return AuthResult(success=False, handled=False)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
controller = Controller(Store(), hostname="127.0.0.1", port=int(port), tls_context=context, require_starttls=True,
                        authenticator=authenticate, auth_required=True, auth_require_tls=True)
controller.start()
print("listening", flush=True)





threading.Event().wait()  # until the test stops the process
