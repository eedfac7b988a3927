"""Benchmark: build the petition delivery PDF for 50,000 signers through the real task, with
production settings on a fresh SQLite database (or PostgreSQL: --database-url).
Target: well under a few minutes; ideally under 60 s on a 2-core machine.

    .venv/bin/python bench/delivery_pdf.py [--signers 50000] [--database-url URL] [--keep DIR]

Prints wall-clock and CPU seconds of the build (CPU is the fair figure on a busy machine),
the page count, the size and the load average.
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
import io, os, sys, time
import django
django.setup()
from django.core.files.storage import storages
from django.utils import timezone
from pypdf import PdfReader

from droplwop.petitions.models import DeliveryFile, Petition, PetitionCounter, Signature, Target
from droplwop.petitions.tasks import build_delivery_task
from droplwop.supporters.models import Supporter

signers = int(sys.argv[1])
petition = Petition.objects.create(
    title="Commute every LWOP sentence", text="We ask the Governor to commute. " * 40, paper_count=1200
)
petition.targets.add(Target.objects.create(name="Gavin Newsom", title="Governor", office="Sacramento"))
FIRST = ["Ana", "Luis", "José", "James", "Keisha", "Thanh", "Rosa", "Siobhan", "李", "Jorge"]
LAST = ["López", "Smith", "Nguyễn", "O'Brien", "García", "Brown", "Hernández", "明"]
CITIES = ["Fresno", "Oakland", "Los Angeles", "Sacramento", "San Diego", "Visalia", "Stockton"]
COMMENTS = ["", "", "Bring them home.", "My brother has served 31 years; he is not who he was.",
            "<b>not bold</b> & still text", "Second chances matter to our whole family."]
people = Supporter.objects.bulk_create([
    Supporter(email=f"signer{n}@example.org", first_name=FIRST[n % 10],
              last_name=LAST[(n // 10) % 8], city=CITIES[n % 7]) for n in range(signers)
], batch_size=2000)
now = timezone.now()
Signature.objects.bulk_create([
    Signature(petition=petition, supporter=p, created_at=now, confirmed_at=now,
              comment=COMMENTS[n % 6]) for n, p in enumerate(people)
], batch_size=2000)
PetitionCounter.objects.create(petition=petition, shard=0, count=signers)
delivery = DeliveryFile.objects.create(petition=petition)

load = os.getloadavg()
started, cpu_started = time.perf_counter(), time.process_time()
build_delivery_task.call(delivery.pk)
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
delivery.refresh_from_db()
assert delivery.state == "ready", delivery.error
data = storages["private"].open(delivery.path, "rb").read()
pages = len(PdfReader(io.BytesIO(data)).pages)
print(f"delivery PDF: {signers} signers -> {pages} pages, {len(data) / 1e6:.1f} MB, "
      f"built in {elapsed:.1f} s wall, {cpu:.1f} s CPU (target < 60 s); "
      f"load average before {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
      f"after {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
if len(sys.argv) > 2:
    with open(sys.argv[2], "wb") as out:
        out.write(data)
    print(f"saved to {sys.argv[2]}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--signers", type=int, default=50_000)
    parser.add_argument("--database-url")
    parser.add_argument("--keep", help="write the PDF to this path")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="droplwop-bench-delivery-") as tmp:
        workdir = Path(tmp)
        env = server_env(args.database_url, workdir)
        env["PRIVATE_STORAGE_ROOT"] = str(workdir / "private")
        if args.database_url:
            reset_postgres(args.database_url)
        manage(env, "migrate", "--noinput")
        subprocess.run(
            [PYTHON, "-c", CHILD, str(args.signers), *([args.keep] if args.keep else [])],
            cwd=ROOT,
            env={**env, "PYTHONPATH": str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")},
            check=True,
        )


if __name__ == "__main__":
    main()
