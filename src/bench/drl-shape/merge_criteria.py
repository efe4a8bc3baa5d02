# EXPERIMENT (benchmark only, never applied to rules/): aggregate.py, then the ~50 "Criterion: ..." rules merged
# into one rule "All criteria" that computes every criterion in one firing (their consequences concatenated) and
# inserts one CriteriaSet. Mode "set": only the CriteriaSet; "facts": the Criterion facts too.
# Usage: python3 merge_criteria.py rules/ target/drl-shape/merged set
import re,sys,os,shutil,glob,subprocess
src,dst=sys.argv[1],sys.argv[2]
mode=sys.argv[3] if len(sys.argv)>3 else 'facts'   # facts: also insert Criterion facts; set: only CriteriaSet
subprocess.run(['python3',os.path.join(os.path.dirname(os.path.abspath(__file__)),'aggregate.py'),src,dst],check=True)
os.remove(dst+'/classification/aggregate.drl')
bodies=[]
for f in glob.glob(dst+'/classification/*.drl'):
    txt=open(f).read()
    out=[]
    for m in re.finditer(r'(?ms)^(//[^\n]*\n)*rule "([^"]*)".*?^end\n',txt):
        pass
    # split into rules
    parts=re.split(r'(?m)^(?=(?://[^\n]*\n)*rule ")',txt)
    keep=[]
    for p in parts:
        mm=re.search(r'(?m)^rule "([^"]*)"',p)
        if mm and mm.group(1).startswith('Criterion:'):
            body=p.split('\nthen\n',1)[1].rsplit('\nend',1)[0]
            body=body.replace('insert(Criterion.of(','$cs.add(Criterion.of(')
            bodies.append('{'+body+'}')
        else:
            keep.append(p)
    open(f,'w').write(''.join(keep))
open(dst+'/classification/criteria.drl','w').write('''package org.netlm.rules.classification;
import org.netlm.model.*;
// Experiment: every criterion computed in one firing (the consequences of the former criterion rules).
rule "All criteria"
    @id("CLASS-CRIT-ALL") @evidence("WHO2022")
when
    $p : PatientCase()
    $g : GradeFinding()
    $t : LiverTypeFinding()
    $r : ResectabilityFinding()
    $b : TumorBurdenFinding()
    $f : FitnessFinding()
then
    java.util.List<Criterion> $cs = new java.util.ArrayList<>(64);
'''+'\n'.join(bodies)+'''
    insert(CriteriaSet.of($cs));
'''+('    for (Criterion c : $cs) { insert(c); }\n' if mode=='facts' else '')+'''end
''')
