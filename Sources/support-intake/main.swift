import Intake
print("support-intake")
