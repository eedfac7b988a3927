"""Benchmark: build a clemency packet with 300 approved support letters, a petition with 10,000
signers and two certificates, through the real packet service, with production settings on a
fresh SQLite database (or PostgreSQL: --database-url). Target: under 60 s.

    .venv/bin/python bench/packet.py [--letters 300] [--signers 10000] [--database-url URL]

Prints the seconds the build took (wall clock, and CPU of this process: the fair figure on
a busy machine), the page count and the PDF size.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import PYTHON, ROOT, manage, reset_postgres, server_env  # noqa: E402

CHILD = r"""
import datetime, io, sys, time
import django
django.setup()
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from weasyprint import HTML

from droplwop.cases import services
from droplwop.cases.models import Packet, SupportLetter
from droplwop.cases.packets import build_packet
from droplwop.inreach.models import Facility
from droplwop.petitions.models import Petition, PetitionCounter, Signature
from droplwop.supporters.models import Supporter
from droplwop.users.models import User

letters, signers = int(sys.argv[1]), int(sys.argv[2])
lead = User.objects.create_user("bench-lead", "lead@example.org", "bench-password-123", is_staff=True)
lead.groups.add(Group.objects.get(name="Organizer"))
petition = Petition.objects.create(title="Bring the bench home", text="Commute the sentence.")
case = services.create_case(
    actor=lead, legal_name="Bench Person Fictional", facility=Facility.objects.get(acronym="CCWF"),
    sentence="Life without the possibility of parole", petition=petition,
)
services.add_cdcr_number(actor=lead, case=case, number="ZZ0001")
FIRST = ["Ana", "Luis", "Maria", "James", "Keisha", "Tran", "Rosa", "David", "Imani", "Jorge"]
LAST = ["Lopez", "Smith", "Nguyen", "Johnson", "Garcia", "Brown", "Hernandez", "Lee"]
CITIES = ["Fresno", "Oakland", "Los Angeles", "Sacramento", "San Diego", "Visalia", "Stockton"]
body = ("I have known her for many years and have seen how she supports the women around her. "
        "She tutors, she listens, and she takes responsibility for what she did. ") * 6
people = Supporter.objects.bulk_create([
    Supporter(email=f"letter{n}@example.org", first_name=FIRST[n % 10], last_name=LAST[n % 8],
              city=CITIES[n % 7]) for n in range(letters)
])
SupportLetter.objects.bulk_create([
    SupportLetter(case=case, supporter=p, writer_name=p.full_name, relationship="family",
                  city=p.city, how_known="Family friend", body=body, include_in_packet=True,
                  status="approved") for p in people
])
signer_people = Supporter.objects.bulk_create([
    Supporter(email=f"signer{n}@example.org", first_name=FIRST[n % 10], last_name=LAST[(n // 10) % 8],
              city=CITIES[n % 7]) for n in range(signers)
], batch_size=2000)
now = timezone.now()
Signature.objects.bulk_create([
    Signature(petition=petition, supporter=p, created_at=now, confirmed_at=now) for p in signer_people
], batch_size=2000)
PetitionCounter.objects.create(petition=petition, shard=0, count=signers)
for title in ("GED", "Peer literacy tutor"):
    pdf = HTML(string=f"<h1>Certificate: {title}</h1>").write_pdf()
    services.upload_document(actor=lead, case=case, kind="certificate", title=title,
                             upload=SimpleUploadedFile("c.pdf", pdf))
packet = Packet.objects.create(case=case, version=1, requested_by=lead)
started, cpu_started = time.perf_counter(), time.process_time()
build_packet(packet=packet)
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
packet.refresh_from_db()
assert packet.status == "done", packet.error
print(f"packet: {letters} letters, {signers} signers -> {packet.page_count} pages, "
      f"{packet.file.size / 1e6:.1f} MB, built in {elapsed:.1f} s wall, {cpu:.1f} s CPU "
      f"(target < 60 s)")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--letters", type=int, default=300)
    parser.add_argument("--signers", type=int, default=10_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="droplwop-bench-packet-") as tmp:
        workdir = Path(tmp)
        env = server_env(args.database_url, workdir)
        env["PRIVATE_STORAGE_ROOT"] = str(workdir / "private")
        if args.database_url:
            reset_postgres(args.database_url)
        manage(env, "migrate", "--noinput")
        subprocess.run(
            [PYTHON, "-c", CHILD, str(args.letters), str(args.signers)],
            cwd=ROOT,
            env={**env, "PYTHONPATH": str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")},
            check=True,
        )


if __name__ == "__main__":
    main()
