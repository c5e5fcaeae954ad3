from speechkb.cli import run

run()
